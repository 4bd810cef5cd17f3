// SQS SendMessage: validated, checksummed, durable before the answer.

import type { SendMessageRequest, SendMessageResult } from '@aws-sdk/client-sqs';
import type { ActionContext } from '../../../service.js';
import { SendBatch } from '../send.js';
import type { SqsStore } from '../store.js';

export async function sendMessage(
  input: SendMessageRequest,
  ctx: ActionContext<SqsStore>,
): Promise<SendMessageResult> {
  const q = ctx.state.fromUrl(input.QueueUrl);
  const batch = new SendBatch(ctx.state, q, ctx.accountId);
  const out = batch.add(input);
  await batch.commit();
  return out satisfies SendMessageResult;
}
