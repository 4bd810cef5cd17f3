// SQS ChangeMessageVisibilityBatch: up to 10 handles; a bad one fails only its entry.

import type {
  BatchResultErrorEntry,
  ChangeMessageVisibilityBatchRequest,
  ChangeMessageVisibilityBatchResult,
  ChangeMessageVisibilityBatchResultEntry,
} from '@aws-sdk/client-sqs';
import { AwsServiceError } from '../../../errors.js';
import type { ActionContext } from '../../../service.js';
import { clientCode } from '../errors.js';
import type { Msg } from '../queue.js';
import type { SqsStore } from '../store.js';
import { checkBatch } from '../validate.js';
import { commitVisibility, visibilityChange } from '../visibility.js';

export async function changeMessageVisibilityBatch(
  input: ChangeMessageVisibilityBatchRequest,
  ctx: ActionContext<SqsStore>,
): Promise<ChangeMessageVisibilityBatchResult> {
  const q = ctx.state.fromUrl(input.QueueUrl);
  const entries = input.Entries ?? [];
  checkBatch(entries, 'ChangeMessageVisibilityBatchRequestEntry');
  const Successful: ChangeMessageVisibilityBatchResultEntry[] = [];
  const Failed: BatchResultErrorEntry[] = [];
  const changes: { m: Msg; v: number }[] = [];
  for (const e of entries) {
    try {
      const change = visibilityChange(q, e.ReceiptHandle, e.VisibilityTimeout, ctx.state.time);
      if (change) changes.push(change);
      Successful.push({ Id: e.Id });
    } catch (err) {
      if (!(err instanceof AwsServiceError)) throw err;
      Failed.push({ Id: e.Id, SenderFault: true, Code: clientCode(err), Message: err.message });
    }
  }
  await commitVisibility(ctx.state, q, changes);
  return { Successful, Failed } satisfies ChangeMessageVisibilityBatchResult;
}
