// SQS ReceiveMessage: up to 10 messages, long-polling up to 20 s (WaitTimeSeconds or the queue's
// ReceiveMessageWaitTimeSeconds), with the requested system and message attributes.

import type { ReceiveMessageRequest, ReceiveMessageResult } from '@aws-sdk/client-sqs';
import type { ActionContext } from '../../../service.js';
import { checkReceiveParams, receiveMessages } from '../receive.js';
import type { SqsStore } from '../store.js';

export async function receiveMessage(
  input: ReceiveMessageRequest,
  ctx: ActionContext<SqsStore>,
): Promise<ReceiveMessageResult> {
  const q = ctx.state.fromUrl(input.QueueUrl);
  checkReceiveParams(input.MaxNumberOfMessages, input.WaitTimeSeconds, input.VisibilityTimeout);
  const messages = await receiveMessages(ctx.state, q, {
    max: input.MaxNumberOfMessages ?? 1,
    visibilityTimeout: input.VisibilityTimeout,
    waitSeconds: input.WaitTimeSeconds,
    // AttributeNames is the deprecated spelling of MessageSystemAttributeNames; both still work.
    systemNames: [...(input.MessageSystemAttributeNames ?? []), ...(input.AttributeNames ?? [])],
    attributeNames: input.MessageAttributeNames,
  });
  // An empty receive carries no Messages member at all.
  return (messages.length > 0 ? { Messages: messages } : {}) satisfies ReceiveMessageResult;
}
