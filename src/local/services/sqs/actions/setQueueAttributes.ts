// SQS SetQueueAttributes: same validation as CreateQueue; the queue type cannot change.

import type { SetQueueAttributesRequest } from '@aws-sdk/client-sqs';
import type { ActionContext } from '../../../service.js';
import { mergeAttributes } from '../attributes.js';
import { missingParameter } from '../errors.js';
import { resolveAttributes } from '../settings.js';
import type { SqsStore } from '../store.js';

export async function setQueueAttributes(
  input: SetQueueAttributesRequest,
  ctx: ActionContext<SqsStore>,
): Promise<void> {
  const store = ctx.state;
  const q = store.fromUrl(input.QueueUrl);
  if (!input.Attributes) throw missingParameter('Attributes');
  const changes = resolveAttributes(store, q.arn, q.fifo, input.Attributes);
  await store.commit('setAttributes', {
    q: q.name,
    attrs: mergeAttributes(q.attrs, changes),
    modified: store.time.now(),
  });
  // A shorter delay or retention may change what is visible to parked receivers.
  q.waiters.notify();
}
