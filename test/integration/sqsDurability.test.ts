// SQS durability: acknowledged messages, receipts, FIFO deduplication and sequence numbers survive
// a restart on the same data dir (in-process, and a real kill -9 of the built local cloud), and
// in-flight messages turn visible again once their visibility timeout ends.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../../src/local/index.js';
import { spawnLocalCloud } from '../helpers/localProcess.js';
import { sqsClient, uniqueQueue } from './sqsHelpers.js';

const dirs: string[] = [];
let running: LocalCloud | undefined;
afterAll(async () => {
  await running?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const dataDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'faas-sqs-'));
  dirs.push(dir);
  return dir;
};

const counts = async (sqs: SQSClient, QueueUrl: string) =>
  (
    await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    )
  ).Attributes;

/** Long-polls (each poll a bounded wait, woken by the visibility deadline) until a message shows up. */
async function receiveEventually(sqs: SQSClient, QueueUrl: string): Promise<Message> {
  for (let i = 0; i < 20; i++) {
    const got = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20, MessageSystemAttributeNames: ['All'] }),
    );
    if (got.Messages?.length) return got.Messages[0];
  }
  throw new Error('no message became visible');
}

describe('SQS durability across a restart', () => {
  it('brings back acknowledged messages and releases in-flight ones after their timeout', async () => {
    const dir = dataDir();
    // 1/20 speed: the 100 s visibility timeout below lasts 5 s, a 20 s long poll 1 s.
    const options = { port: 0, dataDir: dir, timeFactor: 0.05 };
    let local = await startLocalCloud(options);
    running = local;
    let sqs = sqsClient(local.endpoint);
    const name = uniqueQueue('durable');
    const url = (
      await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '100' } }))
    ).QueueUrl!;
    const sent = [];
    for (const body of ['one', 'two', 'three'])
      sent.push(
        await sqs.send(
          new SendMessageCommand({
            QueueUrl: url,
            MessageBody: body,
            MessageAttributes: { n: { DataType: 'Number', StringValue: String(body.length) } },
          }),
        ),
      );
    const [inFlight] = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages!;
    const fifoUrl = (
      await sqs.send(
        new CreateQueueCommand({
          QueueName: uniqueQueue('durable', true),
          Attributes: { FifoQueue: 'true' },
        }),
      )
    ).QueueUrl!;
    const first = await sqs.send(
      new SendMessageCommand({
        QueueUrl: fifoUrl,
        MessageBody: 'f',
        MessageGroupId: 'g',
        MessageDeduplicationId: 'd',
      }),
    );
    await local.stop();

    local = await startLocalCloud(options);
    running = local;
    sqs = sqsClient(local.endpoint);
    const restartedUrl = `${local.endpoint}/000000000000/${name}`;
    expect(await counts(sqs, restartedUrl)).toEqual({
      ApproximateNumberOfMessages: '2',
      ApproximateNumberOfMessagesNotVisible: '1',
    });
    const visible = (
      await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: restartedUrl,
          MaxNumberOfMessages: 10,
          MessageAttributeNames: ['All'],
        }),
      )
    ).Messages!;
    expect(visible.map((m) => m.MessageId).sort()).toEqual(
      sent
        .map((s) => s.MessageId)
        .filter((id) => id !== inFlight.MessageId)
        .sort(),
    );
    for (const m of visible)
      expect(m.MD5OfMessageAttributes).toBe(
        sent.find((s) => s.MessageId === m.MessageId)?.MD5OfMessageAttributes,
      );
    const back = await receiveEventually(sqs, restartedUrl);
    expect(back.MessageId).toBe(inFlight.MessageId);
    expect(back.Attributes?.ApproximateReceiveCount).toBe('2');

    // The deduplication window and the sequence survived too.
    const restartedFifo = `${local.endpoint}/000000000000/${fifoUrl.split('/').pop()}`;
    const dup = await sqs.send(
      new SendMessageCommand({
        QueueUrl: restartedFifo,
        MessageBody: 'f',
        MessageGroupId: 'g',
        MessageDeduplicationId: 'd',
      }),
    );
    expect(dup.MessageId).toBe(first.MessageId);
    const next = await sqs.send(
      new SendMessageCommand({
        QueueUrl: restartedFifo,
        MessageBody: 'g',
        MessageGroupId: 'g',
        MessageDeduplicationId: 'e',
      }),
    );
    expect(BigInt(next.SequenceNumber!)).toBeGreaterThan(BigInt(first.SequenceNumber!));
    await local.stop();
    running = undefined;
  });

  it('keeps every acknowledged message through kill -9', async () => {
    const dir = dataDir();
    let proc = await spawnLocalCloud(dir);
    try {
      let sqs = sqsClient(proc.endpoint);
      const name = uniqueQueue('killed');
      const url = (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl!;
      const ids = [];
      for (let i = 0; i < 20; i++)
        ids.push((await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: `m${i}` }))).MessageId);
      await proc.kill9();

      proc = await spawnLocalCloud(dir);
      sqs = sqsClient(proc.endpoint);
      const restarted = `${proc.endpoint}/000000000000/${name}`;
      const got: string[] = [];
      for (let i = 0; i < 5 && got.length < 20; i++) {
        const r = await sqs.send(new ReceiveMessageCommand({ QueueUrl: restarted, MaxNumberOfMessages: 10 }));
        for (const m of r.Messages ?? []) got.push(m.MessageId!);
      }
      expect(got.sort()).toEqual(ids.sort());
    } finally {
      await proc.stop();
    }
  });
});
