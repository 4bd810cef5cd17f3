// SQS CreateQueue: idempotent while the given attributes match the existing queue's, else
// QueueNameExists (QueueAlreadyExists on the query wire). `.fifo` names go with FifoQueue=true.

import type { CreateQueueRequest, CreateQueueResult } from '@aws-sdk/client-sqs';
import type { ActionContext } from '../../../service.js';
import { defaultAttributes, mergeAttributes } from '../attributes.js';
import { missingParameter, queueNameExists } from '../errors.js';
import { checkQueueName, queueUrl } from '../names.js';
import { checkTags, resolveAttributes } from '../settings.js';
import type { SqsStore } from '../store.js';

export async function createQueue(
  input: CreateQueueRequest,
  ctx: ActionContext<SqsStore>,
): Promise<CreateQueueResult> {
  const store = ctx.state;
  const name = input.QueueName;
  if (name === undefined) throw missingParameter('QueueName');
  const raw = input.Attributes ?? {};
  const fifo = String(raw.FifoQueue ?? '').toLowerCase() === 'true';
  checkQueueName(name, fifo);
  const changes = resolveAttributes(store, store.arnOf(name), fifo, raw);
  const url = queueUrl(ctx.cloud.endpoint, store.accountId, name);
  const existing = store.queues.get(name);
  if (existing) {
    for (const [k, v] of Object.entries(changes))
      if ((existing.attrs[k] ?? '') !== v) throw queueNameExists(k);
    return { QueueUrl: url } satisfies CreateQueueResult;
  }
  const tags = input.tags ?? {};
  checkTags(tags, name);
  const now = store.time.now();
  await store.commit('createQueue', {
    name,
    fifo,
    attrs: mergeAttributes(defaultAttributes(fifo), changes),
    tags,
    created: now,
    modified: now,
  });
  return { QueueUrl: url } satisfies CreateQueueResult;
}
