// SQS DeleteMessage: by receipt handle; deleting an already deleted message succeeds.

import type { DeleteMessageRequest } from '@aws-sdk/client-sqs';
import type { ActionContext } from '../../../service.js';
import type { SqsStore } from '../store.js';
import { commitDeletes, messageToDelete } from '../visibility.js';

export async function deleteMessage(
  input: DeleteMessageRequest,
  ctx: ActionContext<SqsStore>,
): Promise<void> {
  const q = ctx.state.fromUrl(input.QueueUrl);
  const m = messageToDelete(q, input.ReceiptHandle, ctx.state.time.now());
  if (m) await commitDeletes(ctx.state, q, [m]);
}
