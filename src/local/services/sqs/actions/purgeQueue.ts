// SQS PurgeQueue: drops every message; one purge per queue every 60 seconds.

import type { PurgeQueueRequest } from '@aws-sdk/client-sqs';
import type { ActionContext } from '../../../service.js';
import { purgeQueueInProgress } from '../errors.js';
import type { SqsStore } from '../store.js';

export async function purgeQueue(input: PurgeQueueRequest, ctx: ActionContext<SqsStore>): Promise<void> {
  const store = ctx.state;
  const q = store.fromUrl(input.QueueUrl);
  const now = store.time.now();
  if (q.purgedAt > 0 && now < store.time.after(60, q.purgedAt)) throw purgeQueueInProgress(q.name);
  await store.commit('purge', { q: q.name, at: now });
}
