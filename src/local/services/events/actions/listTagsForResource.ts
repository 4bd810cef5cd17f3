// ListTagsForResource: a bus's or rule's tags, in the order they were first set.

import type { ListTagsForResourceRequest, ListTagsForResourceResponse } from '@aws-sdk/client-eventbridge';
import type { ActionContext } from '../../../service.js';
import { taggableArn } from '../lookup.js';
import type { EventsState } from '../state.js';
import { constraints } from '../validate.js';

export function listTagsForResource(
  input: ListTagsForResourceRequest,
  ctx: ActionContext<EventsState>,
): ListTagsForResourceResponse {
  constraints().string(input.ResourceARN, 'resourceARN', { min: 1, max: 1600, required: true }).check();
  const arn = taggableArn(ctx, input.ResourceARN);
  return { Tags: ctx.state.store.tags(arn) } satisfies ListTagsForResourceResponse;
}
