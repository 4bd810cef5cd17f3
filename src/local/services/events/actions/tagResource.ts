// TagResource: tags a bus (the default one included) or a rule; an existing key is overwritten.

import type { TagResourceRequest, TagResourceResponse } from '@aws-sdk/client-eventbridge';
import type { ActionContext } from '../../../service.js';
import { taggableArn } from '../lookup.js';
import type { EventsState } from '../state.js';
import { checkTags, constraints } from '../validate.js';

export async function tagResource(
  input: TagResourceRequest,
  ctx: ActionContext<EventsState>,
): Promise<TagResourceResponse> {
  const c = constraints().string(input.ResourceARN, 'resourceARN', { min: 1, max: 1600, required: true });
  if (input.Tags === undefined) c.string(undefined, 'tags', { required: true });
  c.check();
  checkTags(input.Tags);
  const arn = taggableArn(ctx, input.ResourceARN);
  await ctx.cloud.persistence.commit('events', 'tag', {
    arn,
    tags: input.Tags!.map((t) => ({ Key: t.Key, Value: t.Value })),
  });
  return {} satisfies TagResourceResponse;
}
