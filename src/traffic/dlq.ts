// The webhook dead-letter queue: list what is in it, and redrive it to the source queue —
// receive, send to the source keeping the FIFO group (so order within a group survives), delete.

import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { GROUP_PREFIX, webhookGroup } from '../handlers/lib/webhookGroup.js';

/** The message attribute carrying a webhook's original id once it has been redriven. */
export const WEBHOOK_ID_ATTRIBUTE = 'webhook-id';

export interface DeadLetter {
  messageId: string;
  /** The webhook group, as the webhook Lambda names it. */
  group: string;
  /** The FIFO group it travels under, kept when redriven so its order survives. */
  messageGroupId: string;
  id: string;
  receiveCount: number;
  body: string;
}

// Long enough to send and delete a batch; released again at once when only listing.
const HOLD_SECONDS = 30;

async function receive(sqs: SQSClient, url: string, max: number): Promise<Message[]> {
  const out = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: url,
      MaxNumberOfMessages: Math.min(10, max),
      VisibilityTimeout: HOLD_SECONDS,
      WaitTimeSeconds: 0,
      MessageSystemAttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    }),
  );
  return out.Messages ?? [];
}

const toDeadLetter = (m: Message): DeadLetter => ({
  messageId: m.MessageId ?? '',
  group: webhookGroup(m.Attributes?.MessageGroupId),
  messageGroupId: m.Attributes?.MessageGroupId || GROUP_PREFIX,
  id: m.MessageAttributes?.[WEBHOOK_ID_ATTRIBUTE]?.StringValue ?? m.Attributes?.MessageDeduplicationId ?? '',
  receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? 0),
  body: m.Body ?? '',
});

/** Up to `max` dead letters, made visible again right away (listing changes nothing). */
export async function listDeadLetters(sqs: SQSClient, dlqUrl: string, max: number): Promise<DeadLetter[]> {
  const held: Message[] = [];
  for (;;) {
    const batch = await receive(sqs, dlqUrl, max - held.length);
    held.push(...batch);
    if (batch.length === 0 || held.length >= max) break;
  }
  for (let i = 0; i < held.length; i += 10) {
    const entries = held.slice(i, i + 10).map((m, j) => ({
      Id: String(j),
      ReceiptHandle: m.ReceiptHandle ?? '',
      VisibilityTimeout: 0,
    }));
    await sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: dlqUrl, Entries: entries }));
  }
  return held.map(toDeadLetter);
}

/**
 * Moves dead letters back to the source queue. The deduplication id must be new (the original is
 * still inside SQS's 5-minute window if the message died quickly), so the webhook id travels as a
 * message attribute the handler prefers.
 */
export async function redriveDeadLetters(
  sqs: SQSClient,
  dlqUrl: string,
  sourceUrl: string,
  max: number,
): Promise<DeadLetter[]> {
  const moved: DeadLetter[] = [];
  while (moved.length < max) {
    const batch = await receive(sqs, dlqUrl, max - moved.length);
    if (batch.length === 0) break;
    for (const m of batch) {
      const letter = toDeadLetter(m);
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: sourceUrl,
          MessageBody: letter.body,
          MessageGroupId: letter.messageGroupId,
          MessageDeduplicationId: `redrive-${letter.messageId}`,
          MessageAttributes: { [WEBHOOK_ID_ATTRIBUTE]: { DataType: 'String', StringValue: letter.id } },
        }),
      );
      // Deleted only once the copy is in the source queue: a crash in between duplicates, never loses.
      await sqs.send(new DeleteMessageCommand({ QueueUrl: dlqUrl, ReceiptHandle: m.ReceiptHandle }));
      moved.push(letter);
    }
  }
  return moved;
}
