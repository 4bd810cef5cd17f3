import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  InvokeCommand,
  type LambdaClient,
  PutFunctionEventInvokeConfigCommand,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../../src/local/index.js';
import { createActive, lambdaClient, uniqueName } from './lambdaHelpers.js';

/** Counts its attempts in `e.counter`, fails the first `e.failTimes`, then writes `e.done`. */
const FLAKY = `
const fs = require('node:fs');
exports.handler = async (e) => {
  const n = (fs.existsSync(e.counter) ? Number(fs.readFileSync(e.counter, 'utf8')) : 0) + 1;
  fs.writeFileSync(e.counter, String(n));
  if (n <= (e.failTimes || 0)) throw new Error('attempt ' + n + ' fails');
  fs.writeFileSync(e.done, JSON.stringify({ n }));
  return n;
};`;

let local: LocalCloud;
let lambda: LambdaClient;
let dir: string;
const lines: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'faas-lambda-async-'));
  // 60 s retry backoff becomes 60 ms.
  local = await startLocalCloud({ port: 0, ephemeral: true, timeFactor: 0.001, log: (l) => lines.push(l) });
  lambda = lambdaClient(local.endpoint);
});
afterAll(async () => {
  await local.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const files = (tag: string) => ({ counter: join(dir, `${tag}.count`), done: join(dir, `${tag}.done`) });
const count = (file: string): number => (existsSync(file) ? Number(readFileSync(file, 'utf8')) : 0);

describe('Lambda asynchronous invocation', () => {
  it('accepts an Event with 202 and runs it in the background', async () => {
    const name = uniqueName('event');
    await createActive(lambda, name, FLAKY);
    const f = files(name);
    const out = await lambda.send(
      new InvokeCommand({
        FunctionName: name,
        InvocationType: 'Event',
        Payload: Buffer.from(JSON.stringify(f)),
      }),
    );
    expect(out.StatusCode).toBe(202);
    expect(out.Payload?.length ?? 0).toBe(0);
    await until(() => existsSync(f.done), 'the event to run');
    expect(count(f.counter)).toBe(1);
  });

  it('retries a failing event twice by default, then succeeds on the third attempt', async () => {
    const name = uniqueName('retry');
    await createActive(lambda, name, FLAKY);
    const f = files(name);
    await lambda.send(
      new InvokeCommand({
        FunctionName: name,
        InvocationType: 'Event',
        Payload: Buffer.from(JSON.stringify({ ...f, failTimes: 2 })),
      }),
    );
    await until(() => existsSync(f.done), 'the third attempt');
    expect(JSON.parse(readFileSync(f.done, 'utf8'))).toEqual({ n: 3 });
  });

  it('gives up after MaximumRetryAttempts and drops the event with a log line', async () => {
    const name = uniqueName('exhaust');
    await createActive(lambda, name, FLAKY);
    await lambda.send(
      new PutFunctionEventInvokeConfigCommand({ FunctionName: name, MaximumRetryAttempts: 1 }),
    );
    const f = files(name);
    const accepted = await lambda.send(
      new InvokeCommand({
        FunctionName: name,
        InvocationType: 'Event',
        Payload: Buffer.from(JSON.stringify({ ...f, failTimes: 99 })),
      }),
    );
    const requestId = accepted.$metadata.requestId!;
    await until(() => lines.some((l) => l.includes(requestId) && l.includes('RetriesExhausted')), 'the drop');
    expect(count(f.counter)).toBe(2);
    expect(existsSync(f.done)).toBe(false);
  });

  it('drops an event older than MaximumEventAgeInSeconds instead of retrying it', async () => {
    const name = uniqueName('age');
    await createActive(lambda, name, FLAKY);
    // 60 s (scaled to 60 ms) is shorter than the first retry's backoff.
    await lambda.send(
      new PutFunctionEventInvokeConfigCommand({ FunctionName: name, MaximumEventAgeInSeconds: 60 }),
    );
    const f = files(name);
    const accepted = await lambda.send(
      new InvokeCommand({
        FunctionName: name,
        InvocationType: 'Event',
        Payload: Buffer.from(JSON.stringify({ ...f, failTimes: 99 })),
      }),
    );
    const requestId = accepted.$metadata.requestId!;
    await until(() => lines.some((l) => l.includes(requestId) && l.includes('EventAgeExceeded')), 'the drop');
    expect(count(f.counter)).toBe(1);
  });

  it("writes the function's output to its CloudWatch Logs group", async () => {
    const name = uniqueName('logged');
    await createActive(
      lambda,
      name,
      'exports.handler = async (e) => { console.log("marker", e.marker); return 1; };',
    );
    const marker = uniqueName('m');
    await lambda.send(
      new InvokeCommand({
        FunctionName: name,
        InvocationType: 'Event',
        Payload: Buffer.from(JSON.stringify({ marker })),
      }),
    );
    const logs = new CloudWatchLogsClient({
      endpoint: local.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const group = `/aws/lambda/${name}`;
    for (let i = 0; i < 600; i++) {
      const out = await logs
        .send(new FilterLogEventsCommand({ logGroupName: group }))
        .catch(() => ({ events: [] as { message?: string }[] }));
      const messages = (out.events ?? []).map((e) => e.message ?? '');
      if (messages.some((m) => m.includes(`marker ${marker}`))) {
        expect(messages.some((m) => m.startsWith('START RequestId: '))).toBe(true);
        return;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('timed out waiting for the log line');
  });

  it('queues in-process invokeAsync calls that pass the resource policy', async () => {
    const name = uniqueName('internal-async');
    await createActive(lambda, name, FLAKY);
    const f = files(name);
    await local.cloud.api('lambda').invokeAsync({
      functionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
      payload: Buffer.from(JSON.stringify(f)),
    });
    await until(() => existsSync(f.done), 'the queued event');
  });
});
