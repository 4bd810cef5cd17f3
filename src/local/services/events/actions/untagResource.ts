// UntagResource: removes tag keys from a bus or rule; a key that is not there is ignored.

import type { UntagResourceRequest, UntagResourceResponse } from '@aws-sdk/client-eventbridge';
import type { ActionContext } from '../../../service.js';
import { taggableArn } from '../lookup.js';
import type { EventsState } from '../state.js';
import { constraints } from '../validate.js';

export async function untagResource(
  input: UntagResourceRequest,
  ctx: ActionContext<EventsState>,
): Promise<UntagResourceResponse> {
  const c = constraints().string(input.ResourceARN, 'resourceARN', { min: 1, max: 1600, required: true });
  if (input.TagKeys === undefined) c.string(undefined, 'tagKeys', { required: true });
  c.check();
  const arn = taggableArn(ctx, input.ResourceARN);
  await ctx.cloud.persistence.commit('events', 'untag', { arn, keys: input.TagKeys });
  return {} satisfies UntagResourceResponse;
}
