// Event source mappings, data plane on standard queues: every message reaches the function as
// AWS's SQS event; partial batch responses, malformed ones and function errors return exactly the
// right messages to the queue; filters drop (delete) what they reject; disabling stops delivery.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateEventSourceMappingCommand,
  type CreateEventSourceMappingCommandInput,
  type LambdaClient,
  PutFunctionConcurrencyCommand,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import {
  ChangeMessageVisibilityCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../../src/local/index.js';
import { createQueue, deliveries, JOURNAL_HANDLER, queueDepth, until, waitForState } from './esmHelpers.js';
import { createActive, lambdaClient, uniqueName } from './lambdaHelpers.js';
import { sqsClient, uniqueQueue } from './sqsHelpers.js';

let local: LocalCloud;
let lambda: LambdaClient;
let sqs: SQSClient;
let dir: string;

// SQS durations run at 1/50: a 20 s long poll takes 0.4 s, a 60 s visibility timeout 1.2 s.
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'faas-esm-'));
  local = await startLocalCloud({ port: 0, ephemeral: true, timeFactor: 0.02 });
  lambda = lambdaClient(local.endpoint);
  sqs = sqsClient(local.endpoint);
});
afterAll(async () => {
  await local.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Rig {
  out: string;
  queue: { url: string; arn: string };
  uuid: string;
}

/** A journaling function, a queue holding `bodies` already, and an enabled mapping between them. */
async function rig(
  bodies: unknown[],
  mapping: Partial<CreateEventSourceMappingCommandInput> = {},
  env: Record<string, string> = {},
  visibility = '60',
  prepare?: (fn: string) => Promise<unknown>,
): Promise<Rig> {
  const fn = uniqueName('esm');
  const out = join(dir, `${fn}.jsonl`);
  await createActive(lambda, fn, JOURNAL_HANDLER, { Environment: { Variables: { OUT: out, ...env } } });
  await prepare?.(fn);
  const queue = await createQueue(sqs, uniqueQueue('esm'), { VisibilityTimeout: visibility });
  for (let i = 0; i < bodies.length; i += 10) {
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: bodies.slice(i, i + 10).map((b, j) => ({
          Id: `m${i + j}`,
          MessageBody: typeof b === 'string' ? b : JSON.stringify(b),
        })),
      }),
    );
  }
  const created = await lambda.send(
    new CreateEventSourceMappingCommand({ FunctionName: fn, EventSourceArn: queue.arn, ...mapping }),
  );
  return { out, queue, uuid: created.UUID! };
}

const drained = (r: Rig) =>
  until(async () => (await queueDepth(sqs, r.queue.url)) === 0, 'the queue to drain');

/** How many times each body tag was delivered. */
const countsByTag = (out: string): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const d of deliveries(out)) {
    const tag = typeof d.body === 'string' ? d.body : String(d.body.tag);
    counts[tag] = (counts[tag] ?? 0) + 1;
  }
  return counts;
};

describe('SQS event source mapping delivery', () => {
  it('delivers every message of a standard queue, as AWS’s SQS event, and deletes them', async () => {
    const bodies = Array.from({ length: 25 }, (_, n) => ({ tag: `t${n}` }));
    const r = await rig(bodies, {}, {}, '300');
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: r.queue.url,
        MessageBody: JSON.stringify({ tag: 'attrs' }),
        MessageAttributes: {
          Author: { DataType: 'String', StringValue: 'Ada' },
          Blob: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2, 3]) },
        },
      }),
    );
    await until(() => deliveries(r.out).length >= 26, 'all 26 messages');
    await drained(r);
    const counts = countsByTag(r.out);
    expect(Object.keys(counts)).toHaveLength(26);
    expect(Object.values(counts).every((n) => n === 1)).toBe(true);
    const withAttrs = deliveries(r.out).find((d) => typeof d.body === 'object' && d.body.tag === 'attrs')!;
    const record = withAttrs.record;
    expect(Object.keys(record)).toEqual([
      'messageId',
      'receiptHandle',
      'body',
      'attributes',
      'messageAttributes',
      'md5OfMessageAttributes',
      'md5OfBody',
      'eventSource',
      'eventSourceARN',
      'awsRegion',
    ]);
    expect(record).toMatchObject({
      body: JSON.stringify({ tag: 'attrs' }),
      eventSource: 'aws:sqs',
      eventSourceARN: r.queue.arn,
      awsRegion: 'us-east-1',
      messageAttributes: {
        Author: { stringValue: 'Ada', stringListValues: [], binaryListValues: [], dataType: 'String' },
        Blob: { binaryValue: 'AQID', stringListValues: [], binaryListValues: [], dataType: 'Binary' },
      },
    });
    expect(Object.keys(record.attributes)).toEqual([
      'ApproximateReceiveCount',
      'SentTimestamp',
      'SenderId',
      'ApproximateFirstReceiveTimestamp',
    ]);
    expect(record.attributes.ApproximateReceiveCount).toBe('1');
    const plain = deliveries(r.out).find((d) => typeof d.body === 'object' && d.body.tag === 't0')!;
    expect(plain.record.md5OfMessageAttributes).toBeUndefined();
  });

  it('ReportBatchItemFailures: only the reported messages come back, after their visibility timeout', async () => {
    const r = await rig(
      [{ tag: 'a' }, { tag: 'b', fail: 'once' }, { tag: 'c' }, { tag: 'd', fail: 'once' }, { tag: 'e' }],
      { FunctionResponseTypes: ['ReportBatchItemFailures'] },
    );
    await drained(r);
    expect(countsByTag(r.out)).toEqual({ a: 1, b: 2, c: 1, d: 2, e: 1 });
    const retried = deliveries(r.out).filter((d) => d.count === 2);
    expect(retried.map((d) => (d.body as { tag: string }).tag).sort()).toEqual(['b', 'd']);
    expect(retried.every((d) => d.ok)).toBe(true);
  });

  it('an empty batchItemFailures, a null response and no response type all mean success', async () => {
    const empty = await rig(
      [{ tag: 'x' }, { tag: 'y' }],
      { FunctionResponseTypes: ['ReportBatchItemFailures'] },
      {
        RESPONSE: 'empty',
      },
    );
    const none = await rig(
      [{ tag: 'x' }, { tag: 'y' }],
      { FunctionResponseTypes: ['ReportBatchItemFailures'] },
      {
        RESPONSE: 'null',
      },
    );
    // Without ReportBatchItemFailures the response is not read: reported failures are deleted too.
    const ignored = await rig([{ tag: 'x', fail: 'always' }, { tag: 'y' }]);
    for (const r of [empty, none, ignored]) await drained(r);
    for (const r of [empty, none, ignored]) expect(countsByTag(r.out)).toEqual({ x: 1, y: 1 });
  });

  it('a malformed partial batch response fails the whole batch; nothing is lost', async () => {
    const r = await rig([{ tag: 'a' }, { tag: 'b', respond: 'malformed' }, { tag: 'c' }], {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    await drained(r);
    expect(countsByTag(r.out)).toEqual({ a: 2, b: 2, c: 2 });
    expect(deliveries(r.out).filter((d) => d.count === 2)).toHaveLength(3);
  });

  it('a function error returns the whole batch', async () => {
    const r = await rig([{ tag: 'a' }, { tag: 'b', respond: 'throw' }], {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    await drained(r);
    expect(countsByTag(r.out)).toEqual({ a: 2, b: 2 });
  });

  it('filter criteria: only matching messages reach the function; the others are deleted', async () => {
    const r = await rig(
      [
        { kind: 'keep', tag: 'k1' },
        { kind: 'drop', tag: 'd1' },
        'plain text body',
        { kind: 'keep', tag: 'k2', n: 5 },
        { tag: 'no-kind' },
      ],
      {
        FilterCriteria: {
          Filters: [
            { Pattern: JSON.stringify({ body: { kind: ['keep'] } }) },
            { Pattern: JSON.stringify({ body: ['plain text body'] }) },
          ],
        },
      },
    );
    await drained(r);
    expect(countsByTag(r.out)).toEqual({ k1: 1, k2: 1, 'plain text body': 1 });
  });

  it('disabling stops delivery; enabling resumes it', async () => {
    const r = await rig([{ tag: 'before' }], {}, {}, '300');
    await drained(r);
    await waitForState(lambda, r.uuid, 'Enabled');
    const disabling = await lambda.send(
      new UpdateEventSourceMappingCommand({ UUID: r.uuid, Enabled: false }),
    );
    expect(disabling.State).toBe('Disabling');
    await waitForState(lambda, r.uuid, 'Disabled');
    await sqs.send(
      new SendMessageCommand({ QueueUrl: r.queue.url, MessageBody: JSON.stringify({ tag: 'while-off' }) }),
    );
    // Nothing polls the queue any more: the message is there for anyone else to take.
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: r.queue.url, WaitTimeSeconds: 20 }));
    expect(got.Messages?.map((m) => m.Body)).toEqual([JSON.stringify({ tag: 'while-off' })]);
    expect(countsByTag(r.out)).toEqual({ before: 1 });
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: r.queue.url,
        ReceiptHandle: got.Messages![0].ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    await lambda.send(new UpdateEventSourceMappingCommand({ UUID: r.uuid, Enabled: true }));
    await drained(r);
    expect(countsByTag(r.out)).toEqual({ before: 1, 'while-off': 1 });
  });
});

/** Journals how many invocations are in flight (marker files in $DIR) while each one runs. */
const CONCURRENCY_HANDLER = `
const fs = require('node:fs');
const path = require('node:path');
exports.handler = async (event, context) => {
  const mine = path.join(process.env.DIR, context.awsRequestId);
  fs.writeFileSync(mine, '');
  const inflight = fs.readdirSync(process.env.DIR).length;
  fs.appendFileSync(process.env.OUT, JSON.stringify({ inflight, n: event.Records.length }) + '\\n');
  await new Promise((r) => setTimeout(r, 100));
  fs.unlinkSync(mine);
};`;

describe('SQS event source mapping batching and concurrency', () => {
  it('gathers up to BatchSize records across receives within the batching window', async () => {
    // Reserved concurrency 1 leaves a single poller, so one batch takes every message.
    const r = await rig(
      Array.from({ length: 25 }, (_, n) => ({ tag: `t${n}` })),
      { BatchSize: 25, MaximumBatchingWindowInSeconds: 1 },
      {},
      '300',
      (fn) =>
        lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: fn, ReservedConcurrentExecutions: 1 })),
    );
    await drained(r);
    const all = deliveries(r.out);
    expect(all).toHaveLength(25);
    expect(all.every((d) => d.batch === 25)).toBe(true);
  });

  it('never has more batches in flight than MaximumConcurrency or the reserved concurrency', async () => {
    for (const [mapping, reserved, cap] of [
      [{ ScalingConfig: { MaximumConcurrency: 2 } }, undefined, 2],
      [{}, 1, 1],
    ] as const) {
      const fn = uniqueName('esm-conc');
      const markers = mkdtempSync(join(dir, 'inflight-'));
      const out = join(dir, `${fn}.jsonl`);
      await createActive(lambda, fn, CONCURRENCY_HANDLER, {
        Environment: { Variables: { OUT: out, DIR: markers } },
      });
      if (reserved !== undefined)
        await lambda.send(
          new PutFunctionConcurrencyCommand({ FunctionName: fn, ReservedConcurrentExecutions: reserved }),
        );
      const queue = await createQueue(sqs, uniqueQueue('esm-conc'), { VisibilityTimeout: '300' });
      for (let i = 0; i < 12; i += 6) {
        await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: queue.url,
            Entries: Array.from({ length: 6 }, (_, j) => ({ Id: `m${j}`, MessageBody: `{"n":${i + j}}` })),
          }),
        );
      }
      await lambda.send(
        new CreateEventSourceMappingCommand({
          FunctionName: fn,
          EventSourceArn: queue.arn,
          BatchSize: 1,
          ...mapping,
        }),
      );
      await until(async () => (await queueDepth(sqs, queue.url)) === 0, 'the queue to drain');
      const lines = readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { inflight: number });
      expect(lines).toHaveLength(12);
      expect(Math.max(...lines.map((l) => l.inflight))).toBeLessThanOrEqual(cap);
    }
  });
});
