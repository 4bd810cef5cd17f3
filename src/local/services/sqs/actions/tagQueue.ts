// SQS TagQueue: adds or overwrites tags, at most 50 per queue.

import type { TagQueueRequest } from '@aws-sdk/client-sqs';
import type { ActionContext } from '../../../service.js';
import { missingParameter } from '../errors.js';
import { checkTags } from '../settings.js';
import type { SqsStore } from '../store.js';

export async function tagQueue(input: TagQueueRequest, ctx: ActionContext<SqsStore>): Promise<void> {
  const q = ctx.state.fromUrl(input.QueueUrl);
  if (!input.Tags || Object.keys(input.Tags).length === 0) throw missingParameter('Tags');
  checkTags({ ...q.record.tags, ...input.Tags }, q.name);
  await ctx.state.commit('tagQueue', { q: q.name, tags: input.Tags });
}
