// EventBridge delivery: the event envelope, disabled rules, bus-to-bus forwarding, Lambda input
// transformers, failures and retries (with in-process fakes), and delivery to the real Logs service.

import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateEventBusCommand,
  DisableRuleCommand,
  type EventBridgeClient,
  PutEventsCommand,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsServiceError } from '../../src/local/errors.js';
import { type LocalCloud, startLocalCloud } from '../../src/local/index.js';
import type { LogsInternal } from '../../src/local/services/logs/internal.js';
import {
  ACCOUNT,
  ARN,
  eventsClient as client,
  entry,
  fakeLambda,
  fnArn,
  logArn,
  ruleWithTargets,
  unique,
} from './eventsHelpers.js';

function fakeLogs() {
  const lines: { group: string; stream: string; timestamp: number; message: string }[] = [];
  const api: LogsInternal = {
    async append(group, stream, events) {
      for (const e of events) lines.push({ group, stream, ...e });
    },
  };
  return { api, lines };
}

describe('EventBridge delivery (in-process fakes for Lambda and Logs)', () => {
  let local: LocalCloud;
  let eb: EventBridgeClient;
  const logs = fakeLogs();
  const lambda = fakeLambda(async (req) => {
    if (req.functionArn.endsWith(':missing'))
      throw new AwsServiceError('ResourceNotFoundException', 'Function not found', 404);
    if (req.functionArn.endsWith(':denied'))
      throw new AwsServiceError('AccessDeniedException', 'events.amazonaws.com may not invoke', 403);
  });
  const idle = () => local.cloud.api('events').whenIdle();

  beforeAll(async () => {
    local = await startLocalCloud({ port: 0, ephemeral: true, timeFactor: 0.001 });
    local.cloud.provide('logs', logs.api);
    local.cloud.provide('lambda', lambda.api);
    eb = client(local.endpoint);
  });
  afterAll(async () => {
    await local.stop();
  });

  it('delivers the EventBridge envelope to a log-group target, only for matching events', async () => {
    const group = unique('/faas/orders');
    const bus = unique('bus');
    await eb.send(new CreateEventBusCommand({ Name: bus }));
    const rule = await ruleWithTargets(eb, [{ Id: 'log', Arn: logArn(group) }], bus, {
      detail: { location: [{ prefix: 'eu-' }] },
    });
    const time = new Date('2024-05-01T10:20:30.456Z');
    const out = await eb.send(
      new PutEventsCommand({
        Entries: [
          entry({ EventBusName: bus, Time: time, Resources: ['arn:aws:s3:::b'] }),
          entry({ EventBusName: bus, Detail: JSON.stringify({ location: 'us-east-1' }) }),
        ],
      }),
    );
    await idle();
    const delivered = logs.lines.filter((l) => l.group === group);
    expect(delivered).toHaveLength(1);
    const event = JSON.parse(delivered[0]!.message);
    expect(event).toEqual({
      version: '0',
      id: out.Entries![0]!.EventId,
      'detail-type': 'OrderPlaced',
      source: 'app.orders',
      account: ACCOUNT,
      time: '2024-05-01T10:20:30Z',
      region: 'us-east-1',
      resources: ['arn:aws:s3:::b'],
      detail: { id: 'o-1', location: 'eu-west-1', amount: 42 },
    });
    expect(delivered[0]!.stream).toBe(event.id);
    expect(delivered[0]!.timestamp).toBe(Date.parse('2024-05-01T10:20:30Z'));
    expect(local.cloud.api('events').ruleStats(rule.arn)).toEqual({
      matched: 1,
      delivered: 1,
      failed: 0,
      retried: 0,
    });
  });

  it('stamps events without Time with the current time at second precision', async () => {
    const group = unique('/faas/now');
    await ruleWithTargets(eb, [{ Id: 'log', Arn: logArn(group) }], undefined, { source: [group] });
    await eb.send(new PutEventsCommand({ Entries: [entry({ Source: group })] }));
    await idle();
    const event = JSON.parse(logs.lines.find((l) => l.group === group)!.message);
    expect(event.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('does not deliver through a disabled rule', async () => {
    const group = unique('/faas/disabled');
    const rule = await ruleWithTargets(eb, [{ Id: 'log', Arn: logArn(group) }], undefined, {
      source: [group],
    });
    await eb.send(new DisableRuleCommand({ Name: rule.name }));
    await eb.send(new PutEventsCommand({ Entries: [entry({ Source: group })] }));
    await idle();
    expect(logs.lines.filter((l) => l.group === group)).toHaveLength(0);
    expect(local.cloud.api('events').ruleStats(rule.arn).matched).toBe(0);
  });

  it('forwards events to another bus, which runs its own rules', async () => {
    const from = unique('from');
    const to = unique('to');
    await eb.send(new CreateEventBusCommand({ Name: from }));
    await eb.send(new CreateEventBusCommand({ Name: to }));
    const group = unique('/faas/forwarded');
    await ruleWithTargets(eb, [{ Id: 'bus', Arn: `${ARN}:event-bus/${to}` }], from);
    const downstream = await ruleWithTargets(
      eb,
      [{ Id: 'log', Arn: logArn(group), InputPath: '$.detail' }],
      to,
    );
    const out = await eb.send(new PutEventsCommand({ Entries: [entry({ EventBusName: from })] }));
    await idle();
    const lines = logs.lines.filter((l) => l.group === group);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!.message)).toEqual({ id: 'o-1', location: 'eu-west-1', amount: 42 });
    // The forwarded event keeps its id.
    expect(lines[0]!.stream).toBe(out.Entries![0]!.EventId);
    expect(local.cloud.api('events').ruleStats(downstream.arn).delivered).toBe(1);
  });

  it('hands Lambda targets the InputTransformer payload as events.amazonaws.com with the rule as SourceArn', async () => {
    const fn = `${fnArn(unique('fn'))}:live`;
    const rule = await ruleWithTargets(eb, [
      {
        Id: 'fn',
        Arn: fn,
        InputTransformer: {
          InputPathsMap: { order: '$.detail.id', where: '$.detail.location' },
          InputTemplate: '{"order": <order>, "where": "in <where>", "rule": <aws.events.rule-name>}',
        },
      },
    ]);
    const before = lambda.calls.length;
    await eb.send(new PutEventsCommand({ Entries: [entry()] }));
    await idle();
    const call = lambda.calls.slice(before).find((c) => c.functionArn === fn);
    expect(call).toBeDefined();
    expect(call!.principal).toBe('events.amazonaws.com');
    expect(call!.sourceArn).toBe(rule.arn);
    expect(JSON.parse(call!.payload.toString('utf8'))).toEqual({
      order: 'o-1',
      where: 'in eu-west-1',
      rule: rule.name,
    });
  });

  it('counts a missing function, a denied permission and an unsupported target without failing PutEvents', async () => {
    const source = unique('app.failing');
    const group = unique('/faas/still-delivered');
    const rule = await ruleWithTargets(
      eb,
      [
        { Id: 'missing', Arn: fnArn('missing') },
        { Id: 'denied', Arn: fnArn('denied') },
        { Id: 'queue', Arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:not-yet` },
        { Id: 'log', Arn: logArn(group) },
      ],
      undefined,
      { source: [source] },
    );
    const out = await eb.send(
      new PutEventsCommand({ Entries: [entry({ Source: source }), entry({ Source: source })] }),
    );
    expect(out.FailedEntryCount).toBe(0);
    await idle();
    expect(local.cloud.api('events').ruleStats(rule.arn)).toEqual({
      matched: 2,
      delivered: 2,
      failed: 6,
      retried: 0,
    });
    expect(logs.lines.filter((l) => l.group === group)).toHaveLength(2);
    // The bus keeps working.
    await eb.send(new PutEventsCommand({ Entries: [entry({ Source: source })] }));
    await idle();
    expect(logs.lines.filter((l) => l.group === group)).toHaveLength(3);
  });

  it('retries transient failures per the target RetryPolicy', async () => {
    let failures = 2;
    const flaky = fakeLambda(async () => {
      if (failures-- > 0) throw new AwsServiceError('TooManyRequestsException', 'Rate exceeded', 429);
    });
    local.cloud.provide('lambda', flaky.api);
    try {
      const source = unique('app.flaky');
      const rule = await ruleWithTargets(
        eb,
        [{ Id: 'fn', Arn: fnArn('flaky'), RetryPolicy: { MaximumRetryAttempts: 5 } }],
        undefined,
        { source: [source] },
      );
      await eb.send(new PutEventsCommand({ Entries: [entry({ Source: source })] }));
      await idle();
      expect(flaky.calls).toHaveLength(3);
      expect(local.cloud.api('events').ruleStats(rule.arn)).toEqual({
        matched: 1,
        delivered: 1,
        failed: 0,
        retried: 2,
      });

      failures = 10;
      const capped = await ruleWithTargets(
        eb,
        [{ Id: 'fn', Arn: fnArn('flaky'), RetryPolicy: { MaximumRetryAttempts: 1 } }],
        undefined,
        { source: [`${source}-capped`] },
      );
      await eb.send(new PutEventsCommand({ Entries: [entry({ Source: `${source}-capped` })] }));
      await idle();
      expect(local.cloud.api('events').ruleStats(capped.arn)).toEqual({
        matched: 1,
        delivered: 0,
        failed: 1,
        retried: 1,
      });
    } finally {
      local.cloud.provide('lambda', lambda.api);
    }
  });
});

describe('EventBridge delivery to the real CloudWatch Logs service', () => {
  let local: LocalCloud;
  beforeAll(async () => {
    local = await startLocalCloud({ port: 0, ephemeral: true });
  });
  afterAll(async () => {
    await local.stop();
  });

  it('writes matching events to the log group, one stream per event', async () => {
    const eb = client(local.endpoint);
    const logs = new CloudWatchLogsClient({
      endpoint: local.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const group = unique('/aws/events/orders');
    await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    await ruleWithTargets(eb, [{ Id: 'log', Arn: logArn(group) }]);
    const out = await eb.send(new PutEventsCommand({ Entries: [entry()] }));
    await local.cloud.api('events').whenIdle();
    const read = await logs.send(new FilterLogEventsCommand({ logGroupName: group }));
    expect(read.events).toHaveLength(1);
    expect(read.events![0]!.logStreamName).toBe(out.Entries![0]!.EventId);
    expect(JSON.parse(read.events![0]!.message!)).toMatchObject({
      id: out.Entries![0]!.EventId,
      source: 'app.orders',
      detail: { id: 'o-1' },
    });
  });
});
