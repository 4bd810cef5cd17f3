// SQS ListDeadLetterSourceQueues: the queues whose RedrivePolicy targets this one.

import type {
  ListDeadLetterSourceQueuesRequest,
  ListDeadLetterSourceQueuesResult,
} from '@aws-sdk/client-sqs';
import type { ActionContext } from '../../../service.js';
import { queueUrl } from '../names.js';
import { page } from '../paging.js';
import { redrivePolicyOf } from '../redrive.js';
import type { SqsStore } from '../store.js';

export function listDeadLetterSourceQueues(
  input: ListDeadLetterSourceQueuesRequest,
  ctx: ActionContext<SqsStore>,
): ListDeadLetterSourceQueuesResult {
  const store = ctx.state;
  const dlq = store.fromUrl(input.QueueUrl);
  const sources = [...store.queues.values()]
    .filter((q) => redrivePolicyOf(q.attrs)?.deadLetterTargetArn === dlq.arn)
    .map((q) => q.name);
  const result = page(sources, input.MaxResults, input.NextToken);
  return {
    queueUrls: result.names.map((n) => queueUrl(ctx.cloud.endpoint, store.accountId, n)),
    NextToken: result.nextToken,
  } satisfies ListDeadLetterSourceQueuesResult;
}
