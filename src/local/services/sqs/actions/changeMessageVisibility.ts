// SQS ChangeMessageVisibility: restarts the visibility timeout from now (0 makes the message
// visible at once), within 12 hours of the receive.

import type { ChangeMessageVisibilityRequest } from '@aws-sdk/client-sqs';
import type { ActionContext } from '../../../service.js';
import type { SqsStore } from '../store.js';
import { commitVisibility, visibilityChange } from '../visibility.js';

export async function changeMessageVisibility(
  input: ChangeMessageVisibilityRequest,
  ctx: ActionContext<SqsStore>,
): Promise<void> {
  const q = ctx.state.fromUrl(input.QueueUrl);
  const change = visibilityChange(q, input.ReceiptHandle, input.VisibilityTimeout, ctx.state.time);
  if (change) await commitVisibility(ctx.state, q, [change]);
}
