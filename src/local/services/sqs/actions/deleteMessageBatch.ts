// SQS DeleteMessageBatch: up to 10 receipt handles; a bad handle fails only its entry.

import type {
  BatchResultErrorEntry,
  DeleteMessageBatchRequest,
  DeleteMessageBatchResult,
  DeleteMessageBatchResultEntry,
} from '@aws-sdk/client-sqs';
import { AwsServiceError } from '../../../errors.js';
import type { ActionContext } from '../../../service.js';
import { clientCode } from '../errors.js';
import type { Msg } from '../queue.js';
import type { SqsStore } from '../store.js';
import { checkBatch } from '../validate.js';
import { commitDeletes, messageToDelete } from '../visibility.js';

export async function deleteMessageBatch(
  input: DeleteMessageBatchRequest,
  ctx: ActionContext<SqsStore>,
): Promise<DeleteMessageBatchResult> {
  const q = ctx.state.fromUrl(input.QueueUrl);
  const entries = input.Entries ?? [];
  checkBatch(entries, 'DeleteMessageBatchRequestEntry');
  const now = ctx.state.time.now();
  const Successful: DeleteMessageBatchResultEntry[] = [];
  const Failed: BatchResultErrorEntry[] = [];
  const doomed: Msg[] = [];
  for (const e of entries) {
    try {
      const m = messageToDelete(q, e.ReceiptHandle, now);
      if (m) doomed.push(m);
      Successful.push({ Id: e.Id });
    } catch (err) {
      if (!(err instanceof AwsServiceError)) throw err;
      Failed.push({ Id: e.Id, SenderFault: true, Code: clientCode(err), Message: err.message });
    }
  }
  await commitDeletes(ctx.state, q, doomed);
  return { Successful, Failed } satisfies DeleteMessageBatchResult;
}
