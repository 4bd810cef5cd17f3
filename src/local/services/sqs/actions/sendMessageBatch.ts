// SQS SendMessageBatch: up to 10 entries and 1 MiB; request-level problems fail the call,
// per-message ones land in Failed while the rest are sent.

import type {
  BatchResultErrorEntry,
  SendMessageBatchRequest,
  SendMessageBatchResult,
  SendMessageBatchResultEntry,
} from '@aws-sdk/client-sqs';
import { AwsServiceError } from '../../../errors.js';
import type { ActionContext } from '../../../service.js';
import { clientCode } from '../errors.js';
import { SendBatch } from '../send.js';
import type { SqsStore } from '../store.js';
import { checkBatch, checkBatchSize } from '../validate.js';

export async function sendMessageBatch(
  input: SendMessageBatchRequest,
  ctx: ActionContext<SqsStore>,
): Promise<SendMessageBatchResult> {
  const q = ctx.state.fromUrl(input.QueueUrl);
  const entries = input.Entries ?? [];
  checkBatch(entries, 'SendMessageBatchRequestEntry');
  for (const e of entries) SendBatch.checkFifoFields(q, e, 'invalid');
  checkBatchSize(entries);
  const batch = new SendBatch(ctx.state, q, ctx.accountId);
  const Successful: SendMessageBatchResultEntry[] = [];
  const Failed: BatchResultErrorEntry[] = [];
  for (const e of entries) {
    try {
      Successful.push({ Id: e.Id, ...batch.add(e) } as SendMessageBatchResultEntry);
    } catch (err) {
      if (!(err instanceof AwsServiceError)) throw err;
      Failed.push({ Id: e.Id, SenderFault: true, Code: clientCode(err), Message: err.message });
    }
  }
  await batch.commit();
  return { Successful, Failed } satisfies SendMessageBatchResult;
}
