import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  DeleteRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  type Target,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../../src/local/index.js';
import { INVALID_RATES } from '../fixtures/scheduleExpressions.js';
import { useLocalCloud } from '../helpers/localCloud.js';
import { serviceSendPolicy, sqsClient, uniqueQueue } from './sqsHelpers.js';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
// Schedule time runs 1000× faster: rate(1 minute) fires every 60 ms.
const FAST = 0.001;
let counter = 0;
const unique = (base: string): string => `${base}-${process.pid}-${++counter}`;

const ebClient = (endpoint: string) =>
  new EventBridgeClient({
    endpoint,
    region: REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });

let local: LocalCloud;
let eb: EventBridgeClient;
let sqs: SQSClient;
useLocalCloud(
  (l) => {
    local = l;
    eb = ebClient(l.endpoint);
    sqs = sqsClient(l.endpoint);
  },
  { timeFactor: FAST },
);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function queue(client: SQSClient = sqs) {
  // SQS durations scale with the time factor too: 12 h of visibility keeps a received message
  // out of later receives for 43 s of real time.
  const QueueName = uniqueQueue('eb-schedule');
  const { QueueUrl } = await client.send(
    new CreateQueueCommand({
      QueueName,
      Attributes: {
        VisibilityTimeout: '43200',
        Policy: serviceSendPolicy(QueueName, 'events.amazonaws.com'),
      },
    }),
  );
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  return { url: QueueUrl!, arn: Attributes!.QueueArn! };
}

/** Receives (and keeps) messages until at least `n` arrived; fails after 20 s of real time. */
async function collect(url: string, n: number, into: Message[] = [], client: SQSClient = sqs) {
  const deadline = Date.now() + 20_000;
  while (into.length < n) {
    if (Date.now() > deadline) throw new Error(`only ${into.length} of ${n} messages arrived`);
    const out = await client.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    into.push(...(out.Messages ?? []));
    if (!out.Messages?.length) await sleep(20);
  }
  return into;
}

async function drain(url: string): Promise<Message[]> {
  const out: Message[] = [];
  for (;;) {
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    if (!got.Messages?.length) return out;
    out.push(...got.Messages);
  }
}

async function scheduledRule(expression: string, targets: Target[], client = eb) {
  const name = unique('tick');
  const { RuleArn } = await client.send(new PutRuleCommand({ Name: name, ScheduleExpression: expression }));
  await client.send(new PutTargetsCommand({ Rule: name, Targets: targets }));
  return { name, arn: RuleArn! };
}

function expectScheduledEvent(body: string, ruleArn: string): void {
  const event = JSON.parse(body);
  // AWS's shape, in AWS's key order.
  expect(Object.keys(event)).toEqual([
    'version',
    'id',
    'detail-type',
    'source',
    'account',
    'time',
    'region',
    'resources',
    'detail',
  ]);
  expect(event).toMatchObject({
    version: '0',
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: ACCOUNT,
    region: REGION,
    resources: [ruleArn],
    detail: {},
  });
  expect(event.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
}

describe('EventBridge scheduled rules', () => {
  it('fires rate(1 minute) repeatedly into a queue and a log group, and stops once disabled', async () => {
    const q = await queue();
    const group = unique('/faas/schedule');
    const logs = new CloudWatchLogsClient({
      endpoint: local.endpoint,
      region: REGION,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    const rule = await scheduledRule('rate(1 minute)', [
      { Id: 'queue', Arn: q.arn },
      { Id: 'log', Arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${group}:*` },
    ]);
    const messages = await collect(q.url, 3);
    for (const m of messages) expectScheduledEvent(m.Body!, rule.arn);
    expect(new Set(messages.map((m) => JSON.parse(m.Body!).id)).size).toBe(messages.length);

    await eb.send(new DisableRuleCommand({ Name: rule.name }));
    await local.cloud.api('events').whenIdle();
    const logged = await logs.send(new FilterLogEventsCommand({ logGroupName: group }));
    expect(logged.events!.length).toBeGreaterThanOrEqual(3);
    for (const e of logged.events!) expectScheduledEvent(e.message!, rule.arn);

    // Disabled: no firing in five schedule minutes.
    const before = (await drain(q.url)).length + messages.length;
    await sleep(300);
    await local.cloud.api('events').whenIdle();
    expect(await drain(q.url)).toEqual([]);
    const fired = local.cloud.api('events').ruleStats(rule.arn).matched;
    expect(fired).toBe(before);

    // Enabled again, it fires again.
    await eb.send(new EnableRuleCommand({ Name: rule.name }));
    expect(await collect(q.url, 1)).toHaveLength(1);
    await eb.send(new DisableRuleCommand({ Name: rule.name }));
  });

  it('fires cron schedules, with the target Input as the body', async () => {
    const q = await queue();
    const rule = await scheduledRule('cron(* * * * ? *)', [
      { Id: 'queue', Arn: q.arn, Input: JSON.stringify({ 'custom-value': 'somecustominput' }) },
    ]);
    const messages = await collect(q.url, 2);
    expect(messages.map((m) => m.Body)).toEqual([
      '{"custom-value":"somecustominput"}',
      '{"custom-value":"somecustominput"}',
    ]);
    await eb.send(new RemoveTargetsCommand({ Rule: rule.name, Ids: ['queue'] }));
    await eb.send(new DeleteRuleCommand({ Name: rule.name }));
  });

  it('does not deliver PutEvents events to a scheduled rule', async () => {
    const q = await queue();
    // A day between firings: 86 s of real time, longer than this test.
    const rule = await scheduledRule('rate(1 day)', [{ Id: 'queue', Arn: q.arn }]);
    await eb.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'core.update-account-command', DetailType: 'x', Detail: '{}' },
          { Source: 'aws.events', DetailType: 'Scheduled Event', Detail: '{}', Resources: [rule.arn] },
        ],
      }),
    );
    await local.cloud.api('events').whenIdle();
    expect(await drain(q.url)).toEqual([]);
    expect(local.cloud.api('events').ruleStats(rule.arn).matched).toBe(0);
  });

  it('arms enabled schedules only, and disarms deleted rules', async () => {
    const armed = () => local.cloud.api('events').status().schedules;
    const start = armed();
    const name = unique('tick');
    await eb.send(new PutRuleCommand({ Name: name, ScheduleExpression: 'rate(1 day)', State: 'DISABLED' }));
    expect(armed()).toBe(start);
    await eb.send(new EnableRuleCommand({ Name: name }));
    expect(armed()).toBe(start + 1);
    // Replaced by a pattern rule: no schedule left.
    await eb.send(new PutRuleCommand({ Name: name, EventPattern: JSON.stringify({ source: ['x'] }) }));
    expect(armed()).toBe(start);
    await eb.send(new PutRuleCommand({ Name: name, ScheduleExpression: 'cron(0 12 * * ? *)' }));
    expect(armed()).toBe(start + 1);
    await eb.send(new DeleteRuleCommand({ Name: name }));
    expect(armed()).toBe(start);
  });

  it('validates ScheduleExpression as AWS does', async () => {
    const name = unique('rule');
    for (const expression of [
      ...INVALID_RATES,
      'cron(0 1 * * * *)',
      'cron(7 20 * * NOT *)',
      'cron(INVALID)',
      'cron(0 dummy ? * MON-FRI *)',
      'cron(71 8 1 * ? *)',
      // the cron reference's own limits
      'cron(0 12 * * ?)',
      'cron(0 0 ? * 3#1,6#3 *)',
      'cron(0 0 * * ? 2200)',
      'cron(0 0 ? * MON/2 *)',
    ]) {
      await expect(
        eb.send(new PutRuleCommand({ Name: name, ScheduleExpression: expression })),
        expression,
      ).rejects.toMatchObject({
        name: 'ValidationException',
        message: 'Parameter ScheduleExpression is not valid.',
      });
    }
    for (const expression of [
      'cron(0 2 ? * SAT *)',
      'cron(5,35 14 * * ? *)',
      'cron(15 10 ? * 6L 2002-2005)',
      'cron(0 2 ? * SAT#3 *)',
      'cron(0/5 5 ? JAN 1-5 2022)',
      'cron(0/30 20-23 ? * MON-FRI *)',
      'cron(0 9 15W * ? *)',
      'cron(0 9 L * ? *)',
    ]) {
      const out = await eb.send(new PutRuleCommand({ Name: unique('rule'), ScheduleExpression: expression }));
      expect(out.RuleArn, expression).toBeDefined();
    }
  });
});

describe('EventBridge scheduled rules across a restart', () => {
  it('resumes the schedule after a restart, and stops its timers with the cloud', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'faas-eb-schedule-'));
    const options = { port: 0, dataDir, timeFactor: FAST };
    let running: LocalCloud | undefined = await startLocalCloud(options);
    try {
      const client = ebClient(running.endpoint);
      let sq = sqsClient(running.endpoint);
      const q = await queue(sq);
      const rule = await scheduledRule('rate(1 minute)', [{ Id: 'queue', Arn: q.arn }], client);
      const first = await collect(q.url, 1, [], sq);
      const api = running.cloud.api('events');
      expect(api.status().schedules).toBe(1);
      await running.stop();
      expect(api.status().schedules).toBe(0);
      running = undefined;

      running = await startLocalCloud(options);
      sq = sqsClient(running.endpoint);
      expect(running.cloud.api('events').status().schedules).toBe(1);
      // Messages from both runs are in the queue (the first run's may already have been received).
      const url = q.url.replace(/^http:\/\/[^/]+/, running.endpoint);
      const after = await collect(url, 2, [], sq);
      const ids = new Set([...first, ...after].map((m) => JSON.parse(m.Body!).id));
      expect(ids.size).toBe(first.length + after.length);
      for (const m of after) expectScheduledEvent(m.Body!, rule.arn);
    } finally {
      await running?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
