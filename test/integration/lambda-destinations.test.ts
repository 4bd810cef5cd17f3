// Lambda async invocation destinations end to end: records delivered to SQS, EventBridge and another
// function in AWS's shape, failed deliveries logged without stalling the queue, a loop of
// functions cut, and a record delivered after a restart. Role checks: lambda-destinations-permissions.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  InvokeCommand,
  type LambdaClient,
  PutFunctionEventInvokeConfigCommand,
  type PutFunctionEventInvokeConfigCommandInput,
} from '@aws-sdk/client-lambda';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, DeleteQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../../src/local/index.js';
import { useLocalCloud } from '../helpers/localCloud.js';
import { ACCOUNT, busArn, FAIL, FN, queueArn, receiveJson, SUCCEED, until } from './destinationHelpers.js';
import { createActive, lambdaClient, uniqueName } from './lambdaHelpers.js';
import { bodyText, newBucket, s3Client } from './s3Helpers.js';
import { sqsClient } from './sqsHelpers.js';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
/** Writes the event it gets to the file the original request named (`requestPayload.out`). */
const RECORDER = `
const fs = require('node:fs');
exports.handler = async (e) => { fs.writeFileSync(e.requestPayload.out, JSON.stringify(e)); return 'kept'; };`;

let lambda: LambdaClient;
let sqs: SQSClient;
let events: EventBridgeClient;
let logs: CloudWatchLogsClient;
let s3: S3Client;
const lines: string[] = [];
let dir: string;

useLocalCloud(
  (local) => {
    lambda = lambdaClient(local.endpoint);
    sqs = sqsClient(local.endpoint);
    const opts = { endpoint: local.endpoint, region: 'us-east-1', credentials };
    events = new EventBridgeClient(opts);
    logs = new CloudWatchLogsClient(opts);
    s3 = s3Client(local.endpoint);
  },
  // Retry backoffs and SQS long polls shrink a hundredfold.
  { timeFactor: 0.01, log: (l) => lines.push(l) },
);
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'faas-lambda-destinations-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function newQueue(prefix: string): Promise<{ url: string; arn: string }> {
  const name = uniqueName(prefix);
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  return { url: QueueUrl!, arn: queueArn(name) };
}

const receiveRecord = (url: string) => receiveJson(sqs, url);

const configure = (input: PutFunctionEventInvokeConfigCommandInput) =>
  lambda.send(new PutFunctionEventInvokeConfigCommand(input));

async function invokeEvent(name: string, payload: unknown): Promise<string> {
  const out = await lambda.send(
    new InvokeCommand({
      FunctionName: name,
      InvocationType: 'Event',
      Payload: Buffer.from(JSON.stringify(payload)),
    }),
  );
  expect(out.StatusCode).toBe(202);
  return out.$metadata.requestId!;
}

const logLine = (...parts: string[]) =>
  until(() => lines.find((l) => parts.every((p) => l.includes(p))), parts.join(' … '));

describe('Lambda destinations: SQS', () => {
  it('sends the Success record, exactly as AWS shapes it, to the OnSuccess queue', async () => {
    const name = uniqueName('dest-ok');
    await createActive(lambda, name, SUCCEED);
    const queue = await newQueue('on-success');
    await configure({
      FunctionName: name,
      DestinationConfig: { OnSuccess: { Destination: queue.arn } },
    });
    const requestId = await invokeEvent(name, { hello: 'world' });
    const record = await receiveRecord(queue.url);
    expect(record).toEqual({
      version: '1.0',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      requestContext: {
        requestId,
        functionArn: `${FN}:${name}:$LATEST`,
        condition: 'Success',
        approximateInvokeCount: 1,
      },
      requestPayload: { hello: 'world' },
      responseContext: { statusCode: 200, executedVersion: '$LATEST' },
      responsePayload: { ok: true, got: { hello: 'world' } },
    });
  });

  it('sends RetriesExhausted with the function error to the OnFailure queue', async () => {
    const name = uniqueName('dest-fail');
    await createActive(lambda, name, FAIL);
    const queue = await newQueue('on-failure');
    await configure({
      FunctionName: name,
      MaximumRetryAttempts: 0,
      DestinationConfig: { OnFailure: { Destination: queue.arn } },
    });
    const requestId = await invokeEvent(name, { n: 1 });
    const record = await receiveRecord(queue.url);
    expect(record).toEqual({
      version: '1.0',
      timestamp: expect.any(String),
      requestContext: {
        requestId,
        functionArn: `${FN}:${name}:$LATEST`,
        condition: 'RetriesExhausted',
        approximateInvokeCount: 1,
      },
      requestPayload: { n: 1 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'Error', errorMessage: 'boom', trace: expect.any(Array) },
    });
  });

  it('counts every attempt when retries run out', async () => {
    const name = uniqueName('dest-retry');
    await createActive(lambda, name, FAIL);
    const queue = await newQueue('after-retries');
    await configure({
      FunctionName: name,
      MaximumRetryAttempts: 1,
      DestinationConfig: { OnFailure: { Destination: queue.arn } },
    });
    await invokeEvent(name, {});
    const record = await receiveRecord(queue.url);
    expect(record.requestContext).toMatchObject({ condition: 'RetriesExhausted', approximateInvokeCount: 2 });
  });

  it('logs a failed delivery with its reason and keeps processing later events', async () => {
    const name = uniqueName('dest-gone');
    await createActive(lambda, name, SUCCEED);
    const gone = await newQueue('deleted');
    await configure({ FunctionName: name, DestinationConfig: { OnSuccess: { Destination: gone.arn } } });
    await sqs.send(new DeleteQueueCommand({ QueueUrl: gone.url }));
    const requestId = await invokeEvent(name, { first: true });
    await logLine(requestId, gone.arn, 'failed: QueueDoesNotExist');

    const queue = await newQueue('replacement');
    await configure({ FunctionName: name, DestinationConfig: { OnSuccess: { Destination: queue.arn } } });
    const next = await invokeEvent(name, { second: true });
    const record = await receiveRecord(queue.url);
    expect(record.requestContext).toMatchObject({ requestId: next, condition: 'Success' });
  });
});

/** The parts of an EventBridge envelope the test looks up by. */
interface ResultEvent {
  detail: { requestContext: { requestId: string } };
}

describe('Lambda destinations: EventBridge', () => {
  it('puts a Lambda Function Invocation Result event on the bus for each condition', async () => {
    const bus = uniqueName('dest-bus');
    await events.send(new CreateEventBusCommand({ Name: bus }));
    const group = `/faas/test/${uniqueName('dest-events')}`;
    await events.send(
      new PutRuleCommand({
        Name: 'results',
        EventBusName: bus,
        EventPattern: JSON.stringify({
          source: ['lambda'],
          'detail-type': [
            'Lambda Function Invocation Result - Success',
            'Lambda Function Invocation Result - Failure',
          ],
        }),
      }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: 'results',
        EventBusName: bus,
        Targets: [{ Id: 'logs', Arn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${group}` }],
      }),
    );
    const ok = uniqueName('dest-eb-ok');
    const bad = uniqueName('dest-eb-bad');
    await createActive(lambda, ok, SUCCEED);
    await createActive(lambda, bad, FAIL);
    for (const name of [ok, bad]) {
      await configure({
        FunctionName: name,
        MaximumRetryAttempts: 0,
        DestinationConfig: {
          OnSuccess: { Destination: busArn(bus) },
          OnFailure: { Destination: busArn(bus) },
        },
      });
    }
    const okId = await invokeEvent(ok, { which: 'ok' });
    const badId = await invokeEvent(bad, { which: 'bad' });

    const delivered = await until(async () => {
      const out = await logs
        .send(new FilterLogEventsCommand({ logGroupName: group }))
        .catch(() => ({ events: [] }));
      const all = (out.events ?? []).map((e) => JSON.parse(e.message!) as ResultEvent);
      return all.length >= 2 ? all : undefined;
    }, 'both results in the log group');
    const byRequest = (id: string) => delivered.find((e) => e.detail.requestContext.requestId === id)!;

    expect(byRequest(okId)).toMatchObject({
      version: '0',
      source: 'lambda',
      'detail-type': 'Lambda Function Invocation Result - Success',
      account: ACCOUNT,
      region: 'us-east-1',
      resources: [busArn(bus), `${FN}:${ok}:$LATEST`],
      detail: {
        version: '1.0',
        requestContext: { condition: 'Success', functionArn: `${FN}:${ok}:$LATEST` },
        requestPayload: { which: 'ok' },
        responsePayload: { ok: true, got: { which: 'ok' } },
      },
    });
    expect(byRequest(badId)).toMatchObject({
      source: 'lambda',
      'detail-type': 'Lambda Function Invocation Result - Failure',
      resources: [busArn(bus), `${FN}:${bad}:$LATEST`],
      detail: {
        requestContext: { condition: 'RetriesExhausted' },
        responseContext: { functionError: 'Unhandled' },
        responsePayload: { errorMessage: 'boom' },
      },
    });
  });
});

describe('Lambda destinations: Lambda', () => {
  it('invokes the destination function asynchronously with the record as its event', async () => {
    const source = uniqueName('dest-src');
    const sink = uniqueName('dest-sink');
    await createActive(lambda, source, SUCCEED);
    await createActive(lambda, sink, RECORDER);
    await configure({
      FunctionName: source,
      DestinationConfig: { OnSuccess: { Destination: `${FN}:${sink}` } },
    });
    const out = join(dir, `${sink}.json`);
    const requestId = await invokeEvent(source, { out });
    const event = await until(() => {
      try {
        return JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
      } catch {
        return undefined;
      }
    }, 'the destination function to run');
    expect(event).toEqual({
      version: '1.0',
      timestamp: expect.any(String),
      requestContext: {
        requestId,
        functionArn: `${FN}:${source}:$LATEST`,
        condition: 'Success',
        approximateInvokeCount: 1,
      },
      requestPayload: { out },
      responseContext: { statusCode: 200, executedVersion: '$LATEST' },
      responsePayload: { ok: true, got: { out } },
    });
  });

  it('cuts a loop of functions that are each other’s destination', async () => {
    const a = uniqueName('loop-a');
    const b = uniqueName('loop-b');
    // Each record nests the previous one as its requestPayload; a small result keeps it small.
    await createActive(lambda, a, 'exports.handler = async () => 1;');
    await createActive(lambda, b, 'exports.handler = async () => 2;');
    await configure({ FunctionName: a, DestinationConfig: { OnSuccess: { Destination: `${FN}:${b}` } } });
    await configure({ FunctionName: b, DestinationConfig: { OnSuccess: { Destination: `${FN}:${a}` } } });
    await invokeEvent(a, { start: true });
    // a runs with chain 0, b with 1, … a again with 16: that run's record is not sent on to b.
    await logLine(
      `→ ${FN}:${b} not delivered`,
      'recursive loop detected after 16 chained Lambda destinations',
    );
  });
});

describe('Lambda destinations: S3, and SNS without a local counterpart', () => {
  it('writes a failure record to an S3 bucket under aws/lambda/async/<function>/', async () => {
    const name = uniqueName('dest-s3');
    await createActive(lambda, name, FAIL);
    const bucket = await newBucket(s3, 'audit');
    await configure({
      FunctionName: name,
      MaximumRetryAttempts: 0,
      DestinationConfig: { OnFailure: { Destination: `arn:aws:s3:::${bucket}` } },
    });
    const requestId = await invokeEvent(name, { n: 7 });
    const key = await until(async () => {
      const list = await s3.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: `aws/lambda/async/${name}/` }),
      );
      return list.Contents?.[0]?.Key;
    }, 'the failure record in S3');
    expect(key).toMatch(
      new RegExp(
        `^aws/lambda/async/${name}/\\d{4}/\\d{2}/\\d{2}/\\d{4}-\\d{2}-\\d{2}T\\d{2}\\.\\d{2}\\.\\d{2}-[0-9a-f-]{36}$`,
      ),
    );
    const record = JSON.parse(
      await bodyText(await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))),
    );
    expect(record).toMatchObject({
      requestContext: { requestId, condition: 'RetriesExhausted', approximateInvokeCount: 1 },
      requestPayload: { n: 7 },
      responseContext: { functionError: 'Unhandled' },
    });
  });

  it('logs that SNS records are not delivered locally', async () => {
    const topic = `arn:aws:sns:us-east-1:${ACCOUNT}:alerts`;
    const ok = uniqueName('dest-sns-ok');
    await createActive(lambda, ok, SUCCEED);
    await configure({ FunctionName: ok, DestinationConfig: { OnSuccess: { Destination: topic } } });
    const succeeded = await invokeEvent(ok, {});
    await logLine(succeeded, topic, 'SNS is not supported by the local cloud');
  });
});

describe('Lambda destinations across a restart', () => {
  /** Marks `e.started`, then waits for `e.gate` to exist. */
  const GATED = `
const fs = require('node:fs');
exports.handler = async (e) => {
  fs.writeFileSync(e.started, 'yes');
  while (!fs.existsSync(e.gate)) await new Promise((r) => setTimeout(r, 20));
  return 'through';
};`;
  let running: LocalCloud | undefined;
  afterAll(async () => {
    await running?.stop();
  });

  it('delivers the record of an event the stopped cloud left unfinished', async () => {
    const dataDir = join(dir, 'restart-data');
    const first = await startLocalCloud({ port: 0, dataDir, timeFactor: 0.01 });
    running = first;
    let fnClient = lambdaClient(first.endpoint);
    let queueClient = sqsClient(first.endpoint);
    const name = uniqueName('dest-durable');
    await createActive(fnClient, name, GATED, { Timeout: 60 });
    const queueName = uniqueName('durable-success');
    const { QueueUrl } = await queueClient.send(new CreateQueueCommand({ QueueName: queueName }));
    await fnClient.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: name,
        DestinationConfig: { OnSuccess: { Destination: queueArn(queueName) } },
      }),
    );
    const f = { started: join(dir, `${name}.started`), gate: join(dir, `${name}.gate`) };
    const accepted = await fnClient.send(
      new InvokeCommand({
        FunctionName: name,
        InvocationType: 'Event',
        Payload: Buffer.from(JSON.stringify(f)),
      }),
    );
    await until(() => (existsSync(f.started) ? true : undefined), 'the event to start');
    await first.stop();
    running = undefined;
    writeFileSync(f.gate, 'open');

    const second = await startLocalCloud({ port: 0, dataDir, timeFactor: 0.01 });
    running = second;
    fnClient = lambdaClient(second.endpoint);
    queueClient = sqsClient(second.endpoint);
    const record = await receiveJson(queueClient, QueueUrl!);
    expect(record).toMatchObject({
      requestContext: { requestId: accepted.$metadata.requestId, condition: 'Success' },
      responsePayload: 'through',
    });
  });
});
