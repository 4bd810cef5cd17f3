// SSM RemoveTagsFromResource: drops tags from a parameter by key; absent keys are ignored.

import type { RemoveTagsFromResourceRequest, RemoveTagsFromResourceResult } from '@aws-sdk/client-ssm';
import type { ActionContext } from '../../../service.js';
import type { SsmState } from '../state.js';
import { checkResource, taggedParameter } from '../tags.js';
import { Violations } from '../validate.js';

export async function removeTagsFromResource(
  input: RemoveTagsFromResourceRequest,
  ctx: ActionContext<SsmState>,
): Promise<RemoveTagsFromResourceResult> {
  const v = new Violations();
  checkResource(v, input.ResourceType, input.ResourceId);
  v.required(input.TagKeys, 'tagKeys');
  v.check();
  const { key } = taggedParameter(ctx.state, input.ResourceType!, input.ResourceId!);
  await ctx.cloud.persistence.commit('ssm', 'untag', { key, keys: input.TagKeys! });
  return {} satisfies RemoveTagsFromResourceResult;
}
