// EventBridge durability: buses, rules, targets and tags survive a restart, and accepted events
// that never reached Lambda are delivered, once, after it.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateEventBusCommand,
  DescribeRuleCommand,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { afterAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../../src/local/index.js';
import {
  ARN,
  eventsClient as client,
  entry,
  fakeLambda,
  fnArn,
  ruleWithTargets,
  unique,
} from './eventsHelpers.js';

// Fakes must be in place before a restarted cloud replays its backlog (its services' start), so
// they go in through startLocalCloud's beforeStart.
let injectOnStart: ((local: LocalCloud['cloud']) => void) | undefined;
const beforeStart = (cloud: LocalCloud['cloud']) => injectOnStart?.(cloud);

describe('EventBridge durability', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'faas-events-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps buses, rules, targets and tags across a restart', async () => {
    let local = await startLocalCloud({ port: 0, dataDir, beforeStart });
    const bus = unique('bus');
    const rule = unique('rule');
    let ruleArn: string | undefined;
    try {
      const eb = client(local.endpoint);
      await eb.send(new CreateEventBusCommand({ Name: bus, Tags: [{ Key: 'faas:flow', Value: 'orders' }] }));
      ruleArn = (
        await eb.send(
          new PutRuleCommand({
            Name: rule,
            EventBusName: bus,
            EventPattern: '{"source":["x"]}',
            Description: 'kept',
          }),
        )
      ).RuleArn;
      await eb.send(
        new PutTargetsCommand({
          Rule: rule,
          EventBusName: bus,
          Targets: [{ Id: 't', Arn: fnArn('f'), Input: '{}' }],
        }),
      );
    } finally {
      await local.stop();
    }
    local = await startLocalCloud({ port: 0, dataDir, beforeStart });
    try {
      const eb = client(local.endpoint);
      expect(await eb.send(new DescribeRuleCommand({ Name: rule, EventBusName: bus }))).toMatchObject({
        Arn: ruleArn,
        Description: 'kept',
        EventPattern: '{"source":["x"]}',
      });
      expect(
        (await eb.send(new ListTargetsByRuleCommand({ Rule: rule, EventBusName: bus }))).Targets,
      ).toEqual([{ Id: 't', Arn: fnArn('f'), Input: '{}' }]);
      expect(
        (await eb.send(new ListTagsForResourceCommand({ ResourceARN: `${ARN}:event-bus/${bus}` }))).Tags,
      ).toEqual([{ Key: 'faas:flow', Value: 'orders' }]);
    } finally {
      await local.stop();
    }
  });

  it('delivers accepted events that never reached the Lambda queue after a restart', async () => {
    // First life: the Lambda queue never answers, as if the process died before the hand-off.
    const stuck = fakeLambda(() => new Promise<void>(() => {}));
    injectOnStart = (cloud) => cloud.provide('lambda', stuck.api);
    let local = await startLocalCloud({ port: 0, dataDir, beforeStart });
    const source = unique('app.replay');
    const fn = fnArn(unique('fn'));
    let eventId: string | undefined;
    try {
      const eb = client(local.endpoint);
      await ruleWithTargets(eb, [{ Id: 'fn', Arn: fn }], undefined, { source: [source] });
      const out = await eb.send(new PutEventsCommand({ Entries: [entry({ Source: source })] }));
      eventId = out.Entries![0]!.EventId;
      expect(stuck.calls).toHaveLength(1);
      expect(local.cloud.api('events').status().pending).toBe(1);
    } finally {
      await local.stop();
    }
    // Second life: the backlog is replayed on start.
    const healthy = fakeLambda();
    injectOnStart = (cloud) => cloud.provide('lambda', healthy.api);
    local = await startLocalCloud({ port: 0, dataDir, beforeStart });
    try {
      await local.cloud.api('events').whenIdle();
      const replayed = healthy.calls.filter((c) => c.functionArn === fn);
      expect(replayed).toHaveLength(1);
      expect(JSON.parse(replayed[0]!.payload.toString('utf8'))).toMatchObject({ id: eventId, source });
      expect(local.cloud.api('events').status().pending).toBe(0);
    } finally {
      await local.stop();
      injectOnStart = undefined;
    }
    // Third life: nothing is delivered twice.
    const third = fakeLambda();
    injectOnStart = (cloud) => cloud.provide('lambda', third.api);
    local = await startLocalCloud({ port: 0, dataDir, beforeStart });
    try {
      await local.cloud.api('events').whenIdle();
      expect(third.calls).toHaveLength(0);
    } finally {
      await local.stop();
      injectOnStart = undefined;
    }
  });
});
