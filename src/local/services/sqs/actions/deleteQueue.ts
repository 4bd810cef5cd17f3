// SQS DeleteQueue: the queue and its messages go; receivers parked on it return empty.

import type { DeleteQueueRequest } from '@aws-sdk/client-sqs';
import type { ActionContext } from '../../../service.js';
import type { SqsStore } from '../store.js';

export async function deleteQueue(input: DeleteQueueRequest, ctx: ActionContext<SqsStore>): Promise<void> {
  const q = ctx.state.fromUrl(input.QueueUrl);
  await ctx.state.commit('deleteQueue', { q: q.name });
}
