// EventBridge rules through the real SDK client: ARNs on default and custom buses, updates, every
// bad PutRule input, enabling and disabling, listing with paging, and deletion rules.

import {
  CreateEventBusCommand,
  DeleteRuleCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, ARN, eb, FN, pattern, unique, useEventsCloud } from './eventsHelpers.js';

useEventsCloud();

describe('EventBridge rules', () => {
  it('puts rules with AWS ARNs on the default and on a custom bus', async () => {
    const rule = unique('rule');
    const onDefault = await eb.send(new PutRuleCommand({ Name: rule, EventPattern: pattern }));
    expect(onDefault.RuleArn).toBe(`${ARN}:rule/${rule}`);
    const bus = unique('bus');
    await eb.send(new CreateEventBusCommand({ Name: bus }));
    const onCustom = await eb.send(
      new PutRuleCommand({ Name: rule, EventPattern: pattern, EventBusName: bus }),
    );
    expect(onCustom.RuleArn).toBe(`${ARN}:rule/${bus}/${rule}`);
    const described = await eb.send(new DescribeRuleCommand({ Name: rule, EventBusName: bus }));
    expect(described).toMatchObject({
      Name: rule,
      Arn: onCustom.RuleArn,
      EventPattern: pattern,
      State: 'ENABLED',
      EventBusName: bus,
      CreatedBy: ACCOUNT,
    });
  });

  it('replaces a rule on update, keeping its targets', async () => {
    const rule = unique('rule');
    await eb.send(
      new PutRuleCommand({ Name: rule, EventPattern: pattern, Description: 'first', State: 'DISABLED' }),
    );
    await eb.send(new PutTargetsCommand({ Rule: rule, Targets: [{ Id: 't1', Arn: FN }] }));
    await eb.send(new PutRuleCommand({ Name: rule, ScheduleExpression: 'rate(5 minutes)' }));
    const described = await eb.send(new DescribeRuleCommand({ Name: rule }));
    expect(described).toMatchObject({ ScheduleExpression: 'rate(5 minutes)', State: 'ENABLED' });
    expect(described.Description).toBeUndefined();
    expect(described.EventPattern).toBeUndefined();
    const targets = await eb.send(new ListTargetsByRuleCommand({ Rule: rule }));
    expect(targets.Targets).toEqual([{ Id: 't1', Arn: FN }]);
  });

  it('names every bad PutRule input with its AWS error', async () => {
    const rule = unique('rule');
    await expect(eb.send(new PutRuleCommand({ Name: rule }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Parameter(s) EventPattern or ScheduleExpression must be specified.',
    });
    await expect(
      eb.send(new PutRuleCommand({ Name: rule, EventPattern: '{"source": "x"}' })),
    ).rejects.toMatchObject({
      name: 'InvalidEventPatternException',
    });
    await expect(eb.send(new PutRuleCommand({ Name: rule, EventPattern: 'not json' }))).rejects.toMatchObject(
      {
        name: 'InvalidEventPatternException',
      },
    );
    await expect(
      eb.send(new PutRuleCommand({ Name: rule, EventPattern: pattern, EventBusName: 'no-such-bus' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Event bus no-such-bus does not exist.',
    });
    const bus = unique('bus');
    await eb.send(new CreateEventBusCommand({ Name: bus }));
    await expect(
      eb.send(new PutRuleCommand({ Name: rule, ScheduleExpression: 'rate(1 hour)', EventBusName: bus })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'ScheduleExpression is supported only on the default event bus.',
    });
    for (const expression of ['rate(1 hours)', 'rate(5 minute)', 'every day', 'cron(0 12 * * ?)']) {
      await expect(
        eb.send(new PutRuleCommand({ Name: rule, ScheduleExpression: expression })),
      ).rejects.toMatchObject({
        name: 'ValidationException',
        message: 'Parameter ScheduleExpression is not valid.',
      });
    }
    await expect(
      eb.send(new PutRuleCommand({ Name: rule, EventPattern: pattern, State: 'ON' as never })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value 'ON' at 'state' failed to satisfy constraint: Member must satisfy " +
        'enum value set: [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]',
    });
    await expect(eb.send(new PutRuleCommand({ Name: 'a/b', EventPattern: pattern }))).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value 'a/b' at 'name' failed to satisfy constraint: " +
        'Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+',
    });
    await eb.send(new PutRuleCommand({ Name: rule, ScheduleExpression: 'cron(0 12 * * ? *)' }));
  });

  it('describes, enables, disables and reports missing rules', async () => {
    const rule = unique('rule');
    await eb.send(new PutRuleCommand({ Name: rule, EventPattern: pattern }));
    await eb.send(new DisableRuleCommand({ Name: rule }));
    expect((await eb.send(new DescribeRuleCommand({ Name: rule }))).State).toBe('DISABLED');
    await eb.send(new EnableRuleCommand({ Name: rule }));
    expect((await eb.send(new DescribeRuleCommand({ Name: rule }))).State).toBe('ENABLED');
    const missing = unique('missing');
    for (const command of [
      new DescribeRuleCommand({ Name: missing }),
      new EnableRuleCommand({ Name: missing }),
      new DisableRuleCommand({ Name: missing }),
      new ListTargetsByRuleCommand({ Rule: missing }),
      new RemoveTargetsCommand({ Rule: missing, Ids: ['t'] }),
    ]) {
      await expect(eb.send(command as never)).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        message: `Rule ${missing} does not exist on EventBus default.`,
      });
    }
    await expect(
      eb.send(new DescribeRuleCommand({ Name: rule, EventBusName: 'nope' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Event bus nope does not exist.',
    });
    await expect(eb.send(new ListRulesCommand({ EventBusName: 'nope' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Event bus nope does not exist.',
    });
  });

  it('lists rules by prefix with paging', async () => {
    const bus = unique('bus');
    await eb.send(new CreateEventBusCommand({ Name: bus }));
    for (const name of ['b-rule', 'a-rule', 'a-other', 'c-rule'])
      await eb.send(new PutRuleCommand({ Name: name, EventPattern: pattern, EventBusName: bus }));
    const all = await eb.send(new ListRulesCommand({ EventBusName: bus }));
    expect(all.Rules?.map((r) => r.Name)).toEqual(['a-other', 'a-rule', 'b-rule', 'c-rule']);
    expect(all.Rules?.[0]).toMatchObject({
      Arn: `${ARN}:rule/${bus}/a-other`,
      EventBusName: bus,
      State: 'ENABLED',
    });
    const prefixed = await eb.send(new ListRulesCommand({ EventBusName: bus, NamePrefix: 'a-' }));
    expect(prefixed.Rules?.map((r) => r.Name)).toEqual(['a-other', 'a-rule']);
    const page1 = await eb.send(new ListRulesCommand({ EventBusName: bus, Limit: 3 }));
    expect(page1.Rules).toHaveLength(3);
    const page2 = await eb.send(
      new ListRulesCommand({ EventBusName: bus, Limit: 3, NextToken: page1.NextToken }),
    );
    expect(page2.Rules?.map((r) => r.Name)).toEqual(['c-rule']);
    await expect(
      eb.send(new ListRulesCommand({ EventBusName: bus, NextToken: 'garbage' })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('refuses to delete a rule that still has targets, like AWS', async () => {
    const rule = unique('rule');
    await eb.send(new PutRuleCommand({ Name: rule, EventPattern: pattern }));
    await eb.send(new PutTargetsCommand({ Rule: rule, Targets: [{ Id: 't', Arn: FN }] }));
    await expect(eb.send(new DeleteRuleCommand({ Name: rule }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: "Rule can't be deleted since it has targets.",
    });
    await eb.send(new RemoveTargetsCommand({ Rule: rule, Ids: ['t'] }));
    await eb.send(new DeleteRuleCommand({ Name: rule }));
    await expect(eb.send(new DescribeRuleCommand({ Name: rule }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    // Deleting a rule that does not exist succeeds.
    await eb.send(new DeleteRuleCommand({ Name: rule }));
  });
});
