// Shared by the SQS message tests on standard queues: the file's own local clouds (one at normal
// speed, and on request one at 1/100 speed), queue creation, send, receive and queue counts.

import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type ReceiveMessageCommandInput,
  SendMessageCommand,
  type SendMessageCommandInput,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { useLocalCloud } from '../helpers/localCloud.js';
import { sqsClient, uniqueQueue } from './sqsHelpers.js';

/** Clients on the calling file's local clouds: set once `useSqsCloud()` / `useFastSqsCloud()` started them. */
export let sqs: SQSClient;
/** A cloud at 1/100 speed: a 1 s visibility timeout lasts 10 ms, a 20 s long poll 200 ms. */
export let fastSqs: SQSClient;

/** Starts one local cloud for the calling test file and binds `sqs` to it. */
export function useSqsCloud(): void {
  useLocalCloud((l) => {
    sqs = sqsClient(l.endpoint);
  });
}

/** Starts a second local cloud at 1/100 speed for the calling test file and binds `fastSqs` to it. */
export function useFastSqsCloud(): void {
  useLocalCloud(
    (l) => {
      fastSqs = sqsClient(l.endpoint);
    },
    { timeFactor: 0.01 },
  );
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export async function queue(client = sqs, Attributes?: Record<string, string>): Promise<string> {
  return (await client.send(new CreateQueueCommand({ QueueName: uniqueQueue('msg'), Attributes }))).QueueUrl!;
}
export const send = (
  QueueUrl: string,
  MessageBody: string,
  extra: Partial<SendMessageCommandInput> = {},
  client = sqs,
) => client.send(new SendMessageCommand({ QueueUrl, MessageBody, ...extra }));
export const receive = async (
  QueueUrl: string,
  extra: Partial<ReceiveMessageCommandInput> = {},
  client = sqs,
) => (await client.send(new ReceiveMessageCommand({ QueueUrl, ...extra }))).Messages ?? [];
export const counts = async (QueueUrl: string, client = sqs) => {
  const a = (
    await client.send(
      new GetQueueAttributesCommand({
        QueueUrl,
        AttributeNames: [
          'ApproximateNumberOfMessages',
          'ApproximateNumberOfMessagesNotVisible',
          'ApproximateNumberOfMessagesDelayed',
        ],
      }),
    )
  ).Attributes!;
  return {
    visible: Number(a.ApproximateNumberOfMessages),
    inflight: Number(a.ApproximateNumberOfMessagesNotVisible),
    delayed: Number(a.ApproximateNumberOfMessagesDelayed),
  };
};
