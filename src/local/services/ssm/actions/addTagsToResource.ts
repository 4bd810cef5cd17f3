// SSM AddTagsToResource: adds or replaces tags on a parameter (the way to tag one that exists,
// since PutParameter refuses Tags together with Overwrite).

import type { AddTagsToResourceRequest, AddTagsToResourceResult } from '@aws-sdk/client-ssm';
import type { ActionContext } from '../../../service.js';
import type { SsmState } from '../state.js';
import { checkResource, taggedParameter } from '../tags.js';
import { checkTagLimit, checkTags, toTagRecords, Violations } from '../validate.js';

export async function addTagsToResource(
  input: AddTagsToResourceRequest,
  ctx: ActionContext<SsmState>,
): Promise<AddTagsToResourceResult> {
  const v = new Violations();
  checkResource(v, input.ResourceType, input.ResourceId);
  v.required(input.Tags, 'tags');
  checkTags(v, input.Tags);
  v.check();
  const { key, param } = taggedParameter(ctx.state, input.ResourceType!, input.ResourceId!);
  const tags = toTagRecords(input.Tags);
  checkTagLimit(param.tags, tags);
  await ctx.cloud.persistence.commit('ssm', 'tag', { key, tags });
  return {} satisfies AddTagsToResourceResult;
}
