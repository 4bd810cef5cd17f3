// SQS ListQueueTags.

import type { ListQueueTagsRequest, ListQueueTagsResult } from '@aws-sdk/client-sqs';
import type { ActionContext } from '../../../service.js';
import type { SqsStore } from '../store.js';

export function listQueueTags(
  input: ListQueueTagsRequest,
  ctx: ActionContext<SqsStore>,
): ListQueueTagsResult {
  const q = ctx.state.fromUrl(input.QueueUrl);
  const tags = q.record.tags;
  return (Object.keys(tags).length > 0 ? { Tags: { ...tags } } : {}) satisfies ListQueueTagsResult;
}
