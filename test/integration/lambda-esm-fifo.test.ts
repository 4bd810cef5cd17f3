// Event source mappings on FIFO queues: order within each message group, a poison message that
// ends in the FIFO dead-letter queue without blocking other groups (or its own afterwards), and a
// failed record returning together with the records after it in its group.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateEventSourceMappingCommand,
  type CreateEventSourceMappingCommandInput,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { ReceiveMessageCommand, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../../src/local/index.js';
import { createQueue, type Delivery, deliveries, JOURNAL_HANDLER, queueDepth, until } from './esmHelpers.js';
import { createActive, lambdaClient, uniqueName } from './lambdaHelpers.js';
import { sqsClient, uniqueQueue } from './sqsHelpers.js';

let local: LocalCloud;
let lambda: LambdaClient;
let sqs: SQSClient;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'faas-esm-fifo-'));
  local = await startLocalCloud({ port: 0, ephemeral: true, timeFactor: 0.02 });
  lambda = lambdaClient(local.endpoint);
  sqs = sqsClient(local.endpoint);
});
afterAll(async () => {
  await local.stop();
  rmSync(dir, { recursive: true, force: true });
});

type Msg = { group: string; tag: string; fail?: 'always' | 'once' };

async function fifoRig(
  messages: Msg[],
  mapping: Partial<CreateEventSourceMappingCommandInput>,
  env: Record<string, string> = {},
  maxReceiveCount = 2,
) {
  const fn = uniqueName('esm-fifo');
  const out = join(dir, `${fn}.jsonl`);
  await createActive(lambda, fn, JOURNAL_HANDLER, { Environment: { Variables: { OUT: out, ...env } } });
  const dlq = await createQueue(sqs, uniqueQueue('esm-dlq', true), { FifoQueue: 'true' });
  const queue = await createQueue(sqs, uniqueQueue('esm-src', true), {
    FifoQueue: 'true',
    VisibilityTimeout: '60',
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount }),
  });
  for (let i = 0; i < messages.length; i += 10) {
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: messages.slice(i, i + 10).map((m, j) => ({
          Id: `m${i + j}`,
          MessageBody: JSON.stringify(m),
          MessageGroupId: m.group,
          MessageDeduplicationId: `${m.group}-${m.tag}`,
        })),
      }),
    );
  }
  await lambda.send(
    new CreateEventSourceMappingCommand({
      FunctionName: fn,
      EventSourceArn: queue.arn,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ...mapping,
    }),
  );
  return { out, queue, dlq };
}

const tagOf = (d: Delivery): string => (d.body as Msg).tag;
/** The tags of a group's successful deliveries, in the order the function processed them. */
const processed = (out: string, group: string): string[] =>
  deliveries(out)
    .filter((d) => d.group === group && d.ok)
    .map(tagOf);

describe('SQS event source mapping on a FIFO queue', () => {
  it('sends a poison message to the FIFO DLQ after maxReceiveCount; its group continues in order, the other is never blocked', async () => {
    const messages: Msg[] = [
      { group: 'A', tag: 'A1' },
      { group: 'A', tag: 'A2', fail: 'always' },
      { group: 'A', tag: 'A3' },
      { group: 'A', tag: 'A4' },
      { group: 'B', tag: 'B1' },
      { group: 'B', tag: 'B2' },
      { group: 'B', tag: 'B3' },
      { group: 'B', tag: 'B4' },
    ];
    // One record per batch, so a retried poison message carries no followers with it.
    const r = await fifoRig(messages, { BatchSize: 1, ScalingConfig: { MaximumConcurrency: 2 } });
    await until(async () => (await queueDepth(sqs, r.queue.url)) === 0, 'the source queue to drain');
    expect(processed(r.out, 'A')).toEqual(['A1', 'A3', 'A4']);
    expect(processed(r.out, 'B')).toEqual(['B1', 'B2', 'B3', 'B4']);
    const all = deliveries(r.out);
    const poison = all.filter((d) => tagOf(d) === 'A2');
    // Received maxReceiveCount times, failing each time, then redriven instead of a third receive.
    expect(poison.map((d) => [d.count, d.ok])).toEqual([
      [1, false],
      [2, false],
    ]);
    // Order within the group: A3 only after the poison message's last attempt.
    const lastPoison = all.lastIndexOf(poison[1]);
    expect(all.findIndex((d) => tagOf(d) === 'A3')).toBeGreaterThan(lastPoison);
    const dead = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: r.dlq.url,
        MaxNumberOfMessages: 10,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    expect(dead.Messages?.map((m) => JSON.parse(m.Body!).tag)).toEqual(['A2']);
    expect(dead.Messages?.[0].Attributes?.MessageGroupId).toBe('A');
  });

  it('returns a failed record together with the later records of its group, and keeps their order', async () => {
    const messages: Msg[] = [
      { group: 'A', tag: 'A1' },
      { group: 'A', tag: 'A2', fail: 'once' },
      { group: 'A', tag: 'A3' },
      { group: 'B', tag: 'B1' },
      { group: 'B', tag: 'B2' },
    ];
    // The function reports only A2; the mapping must not delete A3, processed after it.
    const r = await fifoRig(messages, { BatchSize: 10 }, {}, 5);
    await until(async () => (await queueDepth(sqs, r.queue.url)) === 0, 'the source queue to drain');
    const all = deliveries(r.out);
    const first = all.filter((d) => d.count === 1).map(tagOf);
    expect(first).toEqual(['A1', 'A2', 'A3', 'B1', 'B2']);
    const again = all.filter((d) => d.count === 2).map(tagOf);
    expect(again).toEqual(['A2', 'A3']);
    expect(processed(r.out, 'B')).toEqual(['B1', 'B2']);
    const fifoRecord = all[0].record;
    expect(Object.keys(fifoRecord.attributes)).toEqual([
      'ApproximateReceiveCount',
      'SentTimestamp',
      'SequenceNumber',
      'MessageGroupId',
      'SenderId',
      'MessageDeduplicationId',
      'ApproximateFirstReceiveTimestamp',
    ]);
    expect(fifoRecord.attributes).toMatchObject({ MessageGroupId: 'A', MessageDeduplicationId: 'A-A1' });
  });

  it('a function that stops at the first failure of a group (as AWS advises) loses nothing', async () => {
    const messages: Msg[] = [
      { group: 'A', tag: 'A1', fail: 'once' },
      { group: 'A', tag: 'A2' },
      { group: 'B', tag: 'B1' },
    ];
    const r = await fifoRig(messages, { BatchSize: 10 }, { STOP_GROUP: '1' }, 5);
    await until(async () => (await queueDepth(sqs, r.queue.url)) === 0, 'the source queue to drain');
    expect(processed(r.out, 'A')).toEqual(['A1', 'A2']);
    expect(processed(r.out, 'B')).toEqual(['B1']);
    expect(deliveries(r.out).filter((d) => tagOf(d) === 'A2')).toHaveLength(1);
  });
});
