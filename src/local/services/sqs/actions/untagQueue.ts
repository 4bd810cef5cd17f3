// SQS UntagQueue: removes tags by key; unknown keys are ignored.

import type { UntagQueueRequest } from '@aws-sdk/client-sqs';
import type { ActionContext } from '../../../service.js';
import { missingParameter } from '../errors.js';
import type { SqsStore } from '../store.js';

export async function untagQueue(input: UntagQueueRequest, ctx: ActionContext<SqsStore>): Promise<void> {
  const q = ctx.state.fromUrl(input.QueueUrl);
  if (!input.TagKeys || input.TagKeys.length === 0) throw missingParameter('TagKeys');
  await ctx.state.commit('untagQueue', { q: q.name, keys: input.TagKeys });
}
