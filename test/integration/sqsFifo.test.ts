// SQS FIFO queues and dead-letter redrive through the real SDK client: order per message group
// with one in-flight batch per group, deduplication by id and by content, sequence numbers,
// FIFO receipt-handle rules, and moves to the dead-letter queue after maxReceiveCount.

import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type ReceiveMessageCommandInput,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SendMessageCommandInput,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../../src/local/index.js';
import { expectSqsError, sqsClient, uniqueQueue } from './sqsHelpers.js';

let local: LocalCloud;
let sqs: SQSClient;
/** 1/1000 speed: the five-minute deduplication window lasts 300 ms. */
let fast: LocalCloud;
let fastSqs: SQSClient;
beforeAll(async () => {
  local = await startLocalCloud({ port: 0, ephemeral: true });
  sqs = sqsClient(local.endpoint);
  fast = await startLocalCloud({ port: 0, ephemeral: true, timeFactor: 0.001 });
  fastSqs = sqsClient(fast.endpoint);
});
afterAll(async () => {
  await local.stop();
  await fast.stop();
});

async function fifoQueue(Attributes: Record<string, string> = {}, client = sqs): Promise<string> {
  const QueueName = uniqueQueue('fifo', true);
  return (
    await client.send(new CreateQueueCommand({ QueueName, Attributes: { FifoQueue: 'true', ...Attributes } }))
  ).QueueUrl!;
}
const send = (
  QueueUrl: string,
  MessageBody: string,
  extra: Partial<SendMessageCommandInput> = {},
  client = sqs,
) => client.send(new SendMessageCommand({ QueueUrl, MessageBody, ...extra }));
const receive = async (QueueUrl: string, extra: Partial<ReceiveMessageCommandInput> = {}, client = sqs) =>
  (await client.send(new ReceiveMessageCommand({ QueueUrl, ...extra }))).Messages ?? [];
const del = (QueueUrl: string, ReceiptHandle?: string, client = sqs) =>
  client.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle }));
const arnOf = async (QueueUrl: string) =>
  (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes!
    .QueueArn!;

describe('FIFO ordering', () => {
  it('delivers each group in order, across groups, in one batch', async () => {
    const url = await fifoQueue({ ContentBasedDeduplication: 'true' });
    for (let i = 1; i <= 4; i++) {
      await send(url, `a${i}`, { MessageGroupId: 'A' });
      await send(url, `b${i}`, { MessageGroupId: 'B' });
    }
    const got = await receive(url, {
      MaxNumberOfMessages: 10,
      MessageSystemAttributeNames: ['MessageGroupId'],
    });
    expect(got).toHaveLength(8);
    const of = (g: string) => got.filter((m) => m.Attributes?.MessageGroupId === g).map((m) => m.Body);
    expect(of('A')).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(of('B')).toEqual(['b1', 'b2', 'b3', 'b4']);
  });

  it('keeps a group locked while any message of its in-flight batch is in flight', async () => {
    const url = await fifoQueue({ ContentBasedDeduplication: 'true' });
    for (const b of ['1', '2', '3']) await send(url, b, { MessageGroupId: 'g' });
    await send(url, 'other', { MessageGroupId: 'h' });
    const first = await receive(url, { MaxNumberOfMessages: 2 });
    expect(first.map((m) => m.Body)).toEqual(['1', '2']);
    // Group g is locked: only group h can deliver.
    expect((await receive(url, { MaxNumberOfMessages: 10 })).map((m) => m.Body)).toEqual(['other']);
    await del(url, first[0].ReceiptHandle);
    expect(await receive(url)).toEqual([]);
    await del(url, first[1].ReceiptHandle);
    expect((await receive(url, { MaxNumberOfMessages: 10 })).map((m) => m.Body)).toEqual(['3']);
  });

  it('redelivers a group from its head when the batch visibility ends, never out of order', async () => {
    const url = await fifoQueue({ ContentBasedDeduplication: 'true' });
    for (const b of ['1', '2', '3']) await send(url, b, { MessageGroupId: 'g' });
    const first = await receive(url, { MaxNumberOfMessages: 2 });
    // Making the first message visible again still leaves the second in flight: the group stays locked.
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: url,
        ReceiptHandle: first[0].ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    expect(await receive(url)).toEqual([]);
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: url,
        ReceiptHandle: first[1].ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    const again = await receive(url, {
      MaxNumberOfMessages: 10,
      MessageSystemAttributeNames: ['ApproximateReceiveCount'],
    });
    expect(again.map((m) => [m.Body, m.Attributes?.ApproximateReceiveCount])).toEqual([
      ['1', '2'],
      ['2', '2'],
      ['3', '1'],
    ]);
  });

  it('hands out 20-digit, increasing sequence numbers and the FIFO system attributes', async () => {
    const url = await fifoQueue();
    const a = await send(url, 'x', { MessageGroupId: 'g', MessageDeduplicationId: 'd1' });
    const b = await send(url, 'y', { MessageGroupId: 'g', MessageDeduplicationId: 'd2' });
    expect(a.SequenceNumber).toMatch(/^\d{20}$/);
    expect(BigInt(b.SequenceNumber!)).toBeGreaterThan(BigInt(a.SequenceNumber!));
    const [m] = await receive(url, { MessageSystemAttributeNames: ['All'] });
    expect(m.Attributes).toMatchObject({
      MessageGroupId: 'g',
      MessageDeduplicationId: 'd1',
      SequenceNumber: a.SequenceNumber,
      ApproximateReceiveCount: '1',
    });
  });
});

describe('FIFO deduplication', () => {
  it('drops a resend with the same MessageDeduplicationId, answering with the original ids', async () => {
    const url = await fifoQueue();
    const a = await send(url, 'first', { MessageGroupId: 'g', MessageDeduplicationId: 'same' });
    const b = await send(url, 'second', { MessageGroupId: 'g', MessageDeduplicationId: 'same' });
    expect(b.MessageId).toBe(a.MessageId);
    expect(b.SequenceNumber).toBe(a.SequenceNumber);
    const got = await receive(url, { MaxNumberOfMessages: 10 });
    expect(got.map((m) => m.Body)).toEqual(['first']);
    // The window outlives the message itself.
    await del(url, got[0].ReceiptHandle);
    await send(url, 'third', { MessageGroupId: 'g', MessageDeduplicationId: 'same' });
    expect(await receive(url)).toEqual([]);
  });

  it('deduplicates by body SHA-256 with ContentBasedDeduplication', async () => {
    const url = await fifoQueue({ ContentBasedDeduplication: 'true' });
    const a = await send(url, 'same body', { MessageGroupId: 'g' });
    const b = await send(url, 'same body', { MessageGroupId: 'other' });
    await send(url, 'different body', { MessageGroupId: 'g' });
    expect(b.MessageId).toBe(a.MessageId);
    expect((await receive(url, { MaxNumberOfMessages: 10 })).map((m) => m.Body)).toEqual([
      'same body',
      'different body',
    ]);
  });

  it('deduplicates within a batch and per group with DeduplicationScope=messageGroup', async () => {
    const url = await fifoQueue({ DeduplicationScope: 'messageGroup' });
    const out = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: '1', MessageBody: 'a', MessageGroupId: 'g1', MessageDeduplicationId: 'd' },
          { Id: '2', MessageBody: 'a', MessageGroupId: 'g1', MessageDeduplicationId: 'd' },
          { Id: '3', MessageBody: 'b', MessageGroupId: 'g2', MessageDeduplicationId: 'd' },
        ],
      }),
    );
    expect(out.Successful?.[1].MessageId).toBe(out.Successful?.[0].MessageId);
    expect(out.Successful?.[2].MessageId).not.toBe(out.Successful?.[0].MessageId);
    expect((await receive(url, { MaxNumberOfMessages: 10 })).map((m) => m.Body).sort()).toEqual(['a', 'b']);
  });

  it('forgets a deduplication id after five minutes (scaled by the time factor)', async () => {
    const url = await fifoQueue({}, fastSqs);
    const a = await send(url, 'x', { MessageGroupId: 'g', MessageDeduplicationId: 'd' }, fastSqs);
    await new Promise((r) => setTimeout(r, 400));
    const b = await send(url, 'x', { MessageGroupId: 'g', MessageDeduplicationId: 'd' }, fastSqs);
    expect(b.MessageId).not.toBe(a.MessageId);
  });

  it('refuses sends without the FIFO parameters, and per-message delays', async () => {
    const url = await fifoQueue();
    await expectSqsError(send(url, 'x', { MessageDeduplicationId: 'd' }), 'MissingParameter', {
      message: 'The request must contain the parameter MessageGroupId.',
    });
    await expectSqsError(send(url, 'x', { MessageGroupId: 'g' }), 'InvalidParameterValue', {
      code: 'InvalidParameterValue',
      message:
        'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
    });
    await expectSqsError(
      send(url, 'x', { MessageGroupId: 'g', MessageDeduplicationId: 'd', DelaySeconds: 2 }),
      'InvalidParameterValue',
      {
        message:
          'Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.',
      },
    );
    await send(url, 'zero delay is fine', {
      MessageGroupId: 'g',
      MessageDeduplicationId: 'd0',
      DelaySeconds: 0,
    });
    await expectSqsError(
      send(url, 'x', { MessageGroupId: 'g', MessageDeduplicationId: '' }),
      'InvalidParameterValue',
      {
        message:
          'Value  for parameter MessageDeduplicationId is invalid. Reason: MessageDeduplicationId can only include alphanumeric and punctuation characters. 1 to 128 in length.',
      },
    );
    const batch = (Entries: { Id: string; MessageBody: string; MessageGroupId?: string }[]) =>
      sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries }));
    await expectSqsError(batch([{ Id: 'a', MessageBody: 'x' }]), 'InvalidParameterValue', {
      message: 'The request must contain the parameter MessageGroupId.',
    });
    await expectSqsError(
      batch([{ Id: 'a', MessageBody: 'x', MessageGroupId: 'g' }]),
      'InvalidParameterValue',
      {
        message:
          'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
      },
    );
  });
});

describe('FIFO receipt handles', () => {
  it('refuses a handle whose visibility timeout ended, and stale visibility changes', async () => {
    const url = await fifoQueue({ ContentBasedDeduplication: 'true' });
    await send(url, 'h', { MessageGroupId: 'g' });
    const [a] = await receive(url, { VisibilityTimeout: 0 });
    await expectSqsError(del(url, a.ReceiptHandle), 'InvalidParameterValue', {
      message: `Value ${a.ReceiptHandle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`,
    });
    const [b] = await receive(url);
    await expectSqsError(
      sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: url,
          ReceiptHandle: a.ReceiptHandle,
          VisibilityTimeout: 5,
        }),
      ),
      'MessageNotInflight',
      { code: 'AWS.SimpleQueueService.MessageNotInflight' },
    );
    await del(url, b.ReceiptHandle);
    expect(await receive(url)).toEqual([]);
  });
});

describe('dead-letter queues', () => {
  it('moves a standard message to the DLQ on the receive after maxReceiveCount', async () => {
    const dlq = (await sqs.send(new CreateQueueCommand({ QueueName: uniqueQueue('dlq') }))).QueueUrl!;
    const src = (
      await sqs.send(
        new CreateQueueCommand({
          QueueName: uniqueQueue('src'),
          Attributes: {
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: await arnOf(dlq), maxReceiveCount: 2 }),
          },
        }),
      )
    ).QueueUrl!;
    const sent = await send(src, 'poison', {
      MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } },
    });
    for (let i = 0; i < 2; i++) {
      const [m] = await receive(src);
      expect(m.Body).toBe('poison');
      await sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: src,
          ReceiptHandle: m.ReceiptHandle,
          VisibilityTimeout: 0,
        }),
      );
    }
    expect(await receive(src)).toEqual([]);
    const [moved] = await receive(dlq, {
      MessageSystemAttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    });
    expect(moved.MessageId).toBe(sent.MessageId);
    expect(moved.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
    expect(moved.Attributes).toMatchObject({
      ApproximateReceiveCount: '3',
      DeadLetterQueueSourceArn: await arnOf(src),
    });
  });

  it('moves FIFO messages to a FIFO DLQ and lets the group continue', async () => {
    const dlq = await fifoQueue();
    const src = await fifoQueue({
      ContentBasedDeduplication: 'true',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: await arnOf(dlq), maxReceiveCount: 1 }),
    });
    await send(src, 'head', { MessageGroupId: 'g' });
    await send(src, 'next', { MessageGroupId: 'g' });
    const [head] = await receive(src);
    expect(head.Body).toBe('head');
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: src,
        ReceiptHandle: head.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    expect((await receive(src)).map((m) => m.Body)).toEqual(['next']);
    const [moved] = await receive(dlq, { MessageSystemAttributeNames: ['All'] });
    expect(moved.Body).toBe('head');
    expect(moved.Attributes).toMatchObject({
      MessageGroupId: 'g',
      DeadLetterQueueSourceArn: await arnOf(src),
    });
    expect(moved.Attributes?.SequenceNumber).toMatch(/^\d{20}$/);
  });
});
