// The local cloud as a real process, killed with SIGKILL mid-delivery: after a restart on the same
// data dir every acknowledged resource, object, message and accepted event is there, and the
// events and async invocations that were still pending are delivered — with fdatasync (the
// default) and with --no-fsync, whose writes reach the files before the answer all the same.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateEventBusCommand,
  EventBridgeClient,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateRoleCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { AddPermissionCommand, GetFunctionCommand, InvokeCommand } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type LocalProcess, spawnLocalCloud } from '../helpers/localProcess.js';
import { createActive, lambdaClient } from './lambdaHelpers.js';

const dir = mkdtempSync(join(tmpdir(), 'faas-durability-'));
let proc: LocalProcess | undefined;

afterAll(async () => {
  await proc?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const clients = (endpoint: string) => ({
  iam: new IAMClient({ endpoint, region: 'us-east-1', credentials }),
  s3: new S3Client({ endpoint, region: 'us-east-1', credentials, forcePathStyle: true }),
  events: new EventBridgeClient({ endpoint, region: 'us-east-1', credentials }),
  sqs: new SQSClient({ endpoint, region: 'us-east-1', credentials }),
  lambda: lambdaClient(endpoint),
});

// Slow on purpose, so deliveries are still in flight when the process is killed.
const SLOW_RECORDER = `
const fs = require('node:fs');
exports.handler = async (event) => {
  await new Promise((r) => setTimeout(r, 1500));
  fs.appendFileSync(process.env.OUT, (event.id || event.marker) + '\\n');
  return { ok: true };
};`;

const deliveredTo = (out: string): Set<string> =>
  new Set(existsSync(out) ? readFileSync(out, 'utf8').split('\n').filter(Boolean) : []);

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return condition();
}

describe.each([
  ['default (fdatasync)', []],
  ['--no-fsync', ['--no-fsync']],
])('durability across kill -9, %s', (_mode, args) => {
  afterEach(async () => {
    await proc?.stop();
    proc = undefined;
  });

  it('keeps every acknowledged write and delivers what was pending', async () => {
    const dataDir = join(dir, `data-${args.length}`);
    const out = join(dir, `delivered-${args.length}.log`);
    const delivered = () => deliveredTo(out);
    proc = await spawnLocalCloud(dataDir, args);
    let c = clients(proc.endpoint);
    await c.iam.send(
      new CreateRoleCommand({
        RoleName: 'durable-role',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
          ],
        }),
      }),
    );
    await c.s3.send(new CreateBucketCommand({ Bucket: 'durable-bucket' }));
    await c.s3.send(
      new PutObjectCommand({ Bucket: 'durable-bucket', Key: 'a/b.txt', Body: 'kept across kill -9' }),
    );
    const queue = await c.sqs.send(new CreateQueueCommand({ QueueName: 'durable-queue' }));
    await c.sqs.send(new SendMessageCommand({ QueueUrl: queue.QueueUrl, MessageBody: 'still here' }));

    const fn = await createActive(c.lambda, 'durable-recorder', SLOW_RECORDER, {
      Environment: { Variables: { OUT: out } },
      Timeout: 10,
    });
    await c.events.send(new CreateEventBusCommand({ Name: 'durable-bus' }));
    const rule = await c.events.send(
      new PutRuleCommand({
        Name: 'durable-rule',
        EventBusName: 'durable-bus',
        EventPattern: JSON.stringify({ source: ['durable.test'] }),
      }),
    );
    await c.lambda.send(
      new AddPermissionCommand({
        FunctionName: 'durable-recorder',
        StatementId: 'events',
        Action: 'lambda:InvokeFunction',
        Principal: 'events.amazonaws.com',
        SourceArn: rule.RuleArn,
      }),
    );
    await c.events.send(
      new PutTargetsCommand({
        Rule: 'durable-rule',
        EventBusName: 'durable-bus',
        Targets: [{ Id: 'fn', Arn: fn.FunctionArn }],
      }),
    );

    const put = await c.events.send(
      new PutEventsCommand({
        Entries: Array.from({ length: 5 }, (_, i) => ({
          EventBusName: 'durable-bus',
          Source: 'durable.test',
          DetailType: 'tick',
          Detail: JSON.stringify({ i }),
        })),
      }),
    );
    expect(put.FailedEntryCount).toBe(0);
    const eventIds = put.Entries!.map((e) => e.EventId!);
    const invoked = await c.lambda.send(
      new InvokeCommand({
        FunctionName: 'durable-recorder',
        InvocationType: 'Event',
        Payload: JSON.stringify({ marker: 'async-202' }),
      }),
    );
    expect(invoked.StatusCode).toBe(202);

    // Every write above was acknowledged; the slow function has not finished any delivery yet.
    await proc.kill9();
    expect(delivered().size).toBe(0);

    proc = await spawnLocalCloud(dataDir, args);
    c = clients(proc.endpoint);
    expect((await c.iam.send(new GetRoleCommand({ RoleName: 'durable-role' }))).Role?.RoleName).toBe(
      'durable-role',
    );
    const obj = await c.s3.send(new GetObjectCommand({ Bucket: 'durable-bucket', Key: 'a/b.txt' }));
    expect(await obj.Body!.transformToString()).toBe('kept across kill -9');
    const received = await c.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queue.QueueUrl, WaitTimeSeconds: 1 }),
    );
    expect(received.Messages?.map((m) => m.Body)).toEqual(['still here']);
    expect(
      (await c.lambda.send(new GetFunctionCommand({ FunctionName: 'durable-recorder' }))).Configuration
        ?.State,
    ).toBe('Active');
    const targets = await c.events.send(
      new ListTargetsByRuleCommand({ Rule: 'durable-rule', EventBusName: 'durable-bus' }),
    );
    expect(targets.Targets?.map((t) => t.Id)).toEqual(['fn']);

    // The pending deliveries run after the restart (at least once: a duplicate is allowed).
    const expected = [...eventIds, 'async-202'];
    expect(await until(() => expected.every((id) => delivered().has(id)), 30_000)).toBe(true);
  });
});
