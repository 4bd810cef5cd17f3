// SQS ListQueues: by name prefix, paged with MaxResults/NextToken.

import type { ListQueuesRequest, ListQueuesResult } from '@aws-sdk/client-sqs';
import type { ActionContext } from '../../../service.js';
import { queueUrl } from '../names.js';
import { page } from '../paging.js';
import type { SqsStore } from '../store.js';

export function listQueues(input: ListQueuesRequest, ctx: ActionContext<SqsStore>): ListQueuesResult {
  const store = ctx.state;
  const prefix = input.QueueNamePrefix ?? '';
  const names = [...store.queues.keys()].filter((n) => n.startsWith(prefix));
  const result = page(names, input.MaxResults, input.NextToken);
  // No queues: AWS leaves QueueUrls out entirely.
  if (result.names.length === 0) return {} satisfies ListQueuesResult;
  return {
    QueueUrls: result.names.map((n) => queueUrl(ctx.cloud.endpoint, store.accountId, n)),
    NextToken: result.nextToken,
  } satisfies ListQueuesResult;
}
