// SSM ListTagsForResource: a parameter's tags, in the order they were added.

import type { ListTagsForResourceRequest, ListTagsForResourceResult } from '@aws-sdk/client-ssm';
import type { ActionContext } from '../../../service.js';
import type { SsmState } from '../state.js';
import { checkResource, taggedParameter } from '../tags.js';
import { Violations } from '../validate.js';

export function listTagsForResource(
  input: ListTagsForResourceRequest,
  ctx: ActionContext<SsmState>,
): ListTagsForResourceResult {
  const v = new Violations();
  checkResource(v, input.ResourceType, input.ResourceId);
  v.check();
  const { param } = taggedParameter(ctx.state, input.ResourceType!, input.ResourceId!);
  return { TagList: param.tags.map((t) => ({ ...t })) } satisfies ListTagsForResourceResult;
}
