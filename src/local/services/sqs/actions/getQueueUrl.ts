// SQS GetQueueUrl: the URL of a queue of this account (or of QueueOwnerAWSAccountId).

import type { GetQueueUrlRequest, GetQueueUrlResult } from '@aws-sdk/client-sqs';
import type { ActionContext } from '../../../service.js';
import { missingParameter, queueDoesNotExist } from '../errors.js';
import { queueUrl } from '../names.js';
import type { SqsStore } from '../store.js';

export function getQueueUrl(input: GetQueueUrlRequest, ctx: ActionContext<SqsStore>): GetQueueUrlResult {
  const store = ctx.state;
  if (input.QueueName === undefined) throw missingParameter('QueueName');
  const owner = input.QueueOwnerAWSAccountId ?? store.accountId;
  if (owner !== store.accountId || !store.queues.has(input.QueueName)) throw queueDoesNotExist();
  return {
    QueueUrl: queueUrl(ctx.cloud.endpoint, store.accountId, input.QueueName),
  } satisfies GetQueueUrlResult;
}
