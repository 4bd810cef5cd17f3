import {
  CreateArchiveCommand,
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  EventBridgeClient,
  ListEventBusesCommand,
  ListRuleNamesByTargetCommand,
  ListRulesCommand,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  type PutEventsRequestEntry,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TagResourceCommand,
  TestEventPatternCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { useLocalCloud } from '../helpers/localCloud.js';

let eb: EventBridgeClient;
let counter = 0;
const unique = (base: string): string => `${base}-${process.pid}-${++counter}`;
const ACCOUNT = '000000000000';
const ARN = `arn:aws:events:us-east-1:${ACCOUNT}`;
const FN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f`;
const pattern = JSON.stringify({ source: ['app.orders'] });

useLocalCloud((l) => {
  eb = new EventBridgeClient({
    endpoint: l.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // The SDK retries LimitExceededException as throttling; one attempt keeps the limit tests quick.
    maxAttempts: 1,
  });
});

describe('EventBridge event buses', () => {
  it('always has the default bus', async () => {
    const described = await eb.send(new DescribeEventBusCommand({}));
    expect(described).toMatchObject({ Name: 'default', Arn: `${ARN}:event-bus/default` });
    expect(described.CreationTime).toBeInstanceOf(Date);
    const byName = await eb.send(new DescribeEventBusCommand({ Name: 'default' }));
    expect(byName.Arn).toBe(`${ARN}:event-bus/default`);
    const listed = await eb.send(new ListEventBusesCommand({ NamePrefix: 'default' }));
    expect(listed.EventBuses?.map((b) => b.Name)).toEqual(['default']);
  });

  it('creates, describes (by name and ARN), lists and deletes a custom bus', async () => {
    const name = unique('bus');
    const created = await eb.send(new CreateEventBusCommand({ Name: name, Description: 'orders bus' }));
    expect(created).toMatchObject({ EventBusArn: `${ARN}:event-bus/${name}`, Description: 'orders bus' });
    const byArn = await eb.send(new DescribeEventBusCommand({ Name: created.EventBusArn }));
    expect(byArn).toMatchObject({ Name: name, Arn: created.EventBusArn, Description: 'orders bus' });
    expect(byArn.LastModifiedTime).toBeInstanceOf(Date);
    const listed = await eb.send(new ListEventBusesCommand({}));
    expect(listed.EventBuses?.map((b) => b.Name)).toEqual(expect.arrayContaining(['default', name]));
    await eb.send(new DeleteEventBusCommand({ Name: name }));
    await expect(eb.send(new DescribeEventBusCommand({ Name: name }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Event bus ${name} does not exist.`,
    });
    // Deleting a bus that is not there succeeds, as on AWS.
    await eb.send(new DeleteEventBusCommand({ Name: name }));
  });

  it('refuses duplicates, the default bus, and bad names', async () => {
    const name = unique('bus');
    await eb.send(new CreateEventBusCommand({ Name: name }));
    await expect(eb.send(new CreateEventBusCommand({ Name: name }))).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message: `Event bus ${name} already exists.`,
    });
    await expect(eb.send(new CreateEventBusCommand({ Name: 'default' }))).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
    });
    await expect(eb.send(new DeleteEventBusCommand({ Name: 'default' }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Cannot delete event bus default.',
    });
    await expect(eb.send(new CreateEventBusCommand({ Name: 'bad name!' }))).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value 'bad name!' at 'name' failed to satisfy constraint: " +
        'Member must satisfy regular expression pattern: [/\\.\\-_A-Za-z0-9]+',
    });
  });

  it('pages ListEventBuses with NamePrefix, Limit and NextToken', async () => {
    const prefix = unique('page');
    for (const i of [0, 1, 2]) await eb.send(new CreateEventBusCommand({ Name: `${prefix}-${i}` }));
    const first = await eb.send(new ListEventBusesCommand({ NamePrefix: prefix, Limit: 2 }));
    expect(first.EventBuses?.map((b) => b.Name)).toEqual([`${prefix}-0`, `${prefix}-1`]);
    expect(first.NextToken).toEqual(expect.any(String));
    const second = await eb.send(
      new ListEventBusesCommand({ NamePrefix: prefix, NextToken: first.NextToken }),
    );
    expect(second.EventBuses?.map((b) => b.Name)).toEqual([`${prefix}-2`]);
    expect(second.NextToken).toBeUndefined();
    await expect(eb.send(new ListEventBusesCommand({ Limit: 0 }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });
});

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

describe('EventBridge targets', () => {
  it('puts, replaces, lists and removes targets', async () => {
    const rule = unique('rule');
    await eb.send(new PutRuleCommand({ Name: rule, EventPattern: pattern }));
    const put = await eb.send(
      new PutTargetsCommand({
        Rule: rule,
        Targets: [
          { Id: 'a', Arn: FN, Input: '{"x":1}' },
          {
            Id: 'b',
            Arn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/orders`,
            RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 120 },
          },
        ],
      }),
    );
    expect(put).toMatchObject({ FailedEntryCount: 0, FailedEntries: [] });
    await eb.send(
      new PutTargetsCommand({ Rule: rule, Targets: [{ Id: 'a', Arn: FN, InputPath: '$.detail' }] }),
    );
    const listed = await eb.send(new ListTargetsByRuleCommand({ Rule: rule }));
    expect(listed.Targets).toEqual([
      { Id: 'a', Arn: FN, InputPath: '$.detail' },
      {
        Id: 'b',
        Arn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/orders`,
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 120 },
      },
    ]);
    const page = await eb.send(new ListTargetsByRuleCommand({ Rule: rule, Limit: 1 }));
    expect(page.Targets?.map((t) => t.Id)).toEqual(['a']);
    const rest = await eb.send(new ListTargetsByRuleCommand({ Rule: rule, NextToken: page.NextToken }));
    expect(rest.Targets?.map((t) => t.Id)).toEqual(['b']);
    const names = await eb.send(new ListRuleNamesByTargetCommand({ TargetArn: FN }));
    expect(names.RuleNames).toContain(rule);
    const removed = await eb.send(new RemoveTargetsCommand({ Rule: rule, Ids: ['a', 'ghost'] }));
    expect(removed).toEqual(
      expect.objectContaining({
        FailedEntryCount: 1,
        FailedEntries: [
          {
            TargetId: 'ghost',
            ErrorCode: 'ResourceNotFoundException',
            ErrorMessage: `Rule '${rule}' does not have a target with the Id 'ghost'.`,
          },
        ],
      }),
    );
    expect((await eb.send(new ListTargetsByRuleCommand({ Rule: rule }))).Targets?.map((t) => t.Id)).toEqual([
      'b',
    ]);
  });

  it('allows at most 5 targets per rule', async () => {
    const rule = unique('rule');
    await eb.send(new PutRuleCommand({ Name: rule, EventPattern: pattern }));
    const six = Array.from({ length: 6 }, (_, i) => ({ Id: `t${i}`, Arn: FN }));
    await expect(eb.send(new PutTargetsCommand({ Rule: rule, Targets: six }))).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'The requested resource exceeds the maximum number allowed.',
    });
    await eb.send(new PutTargetsCommand({ Rule: rule, Targets: six.slice(0, 4) }));
    // Replacing existing ids does not count twice; a sixth distinct id does.
    await eb.send(new PutTargetsCommand({ Rule: rule, Targets: six.slice(2, 5) }));
    await expect(eb.send(new PutTargetsCommand({ Rule: rule, Targets: [six[5]!] }))).rejects.toMatchObject({
      name: 'LimitExceededException',
    });
    const eleven = Array.from({ length: 11 }, (_, i) => ({ Id: `x${i}`, Arn: FN }));
    await expect(eb.send(new PutTargetsCommand({ Rule: rule, Targets: eleven }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('names bad targets with their AWS errors', async () => {
    const rule = unique('rule');
    await eb.send(new PutRuleCommand({ Name: rule, EventPattern: pattern }));
    await expect(
      eb.send(new PutTargetsCommand({ Rule: rule, Targets: [{ Id: '!@#$', Arn: FN }] })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value '!@#$' at 'targets.1.member.id' failed to satisfy constraint: " +
        'Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+',
    });
    await expect(
      eb.send(new PutTargetsCommand({ Rule: unique('missing'), Targets: [{ Id: 't', Arn: FN }] })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(
      eb.send(
        new PutTargetsCommand({ Rule: rule, Targets: [{ Id: 't', Arn: FN, Input: '{}', InputPath: '$' }] }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(
      eb.send(
        new PutTargetsCommand({
          Rule: rule,
          Targets: [{ Id: 't', Arn: FN, RetryPolicy: { MaximumEventAgeInSeconds: 10 } }],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value '10' at 'targets.1.member.retryPolicy.maximumEventAgeInSeconds' " +
        'failed to satisfy constraint: Member must have value greater than or equal to 60',
    });
    const partial = await eb.send(
      new PutTargetsCommand({
        Rule: rule,
        Targets: [
          { Id: 'good', Arn: FN },
          { Id: 'bad', Arn: 'not-an-arn' },
          { Id: 'fifo', Arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:q.fifo` },
        ],
      }),
    );
    expect(partial.FailedEntryCount).toBe(2);
    expect(partial.FailedEntries).toEqual([
      {
        TargetId: 'bad',
        ErrorCode: 'ValidationException',
        ErrorMessage: 'Parameter not-an-arn is not valid. Reason: Provided Arn is not in correct format.',
      },
      {
        TargetId: 'fifo',
        ErrorCode: 'ValidationException',
        ErrorMessage: 'Parameter(s) SqsParameters must be specified for target: fifo.',
      },
    ]);
    expect((await eb.send(new ListTargetsByRuleCommand({ Rule: rule }))).Targets?.map((t) => t.Id)).toEqual([
      'good',
    ]);
  });
});

describe('EventBridge PutEvents', () => {
  const entry = (over: Partial<PutEventsRequestEntry> = {}): PutEventsRequestEntry => ({
    Source: 'app.orders',
    DetailType: 'OrderPlaced',
    Detail: '{"id":1}',
    ...over,
  });

  it('fails each bad entry on its own and accepts the others', async () => {
    const out = await eb.send(
      new PutEventsCommand({
        Entries: [
          entry(),
          entry({ Source: undefined }),
          entry({ DetailType: '' }),
          entry({ Detail: undefined }),
          entry({ Detail: '[]' }),
          entry({ Detail: 'not json' }),
          entry({ Detail: '"a string"' }),
          entry({ EventBusName: 'no-such-bus' }),
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(6);
    expect(out.Entries?.[0]?.EventId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(out.Entries?.slice(1, 7)).toEqual([
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.',
      },
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.',
      },
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.',
      },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
    ]);
    // AWS answers an event for a bus that does not exist with an EventId (and drops it).
    expect(out.Entries?.[7]?.EventId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses more than 10 entries, no entries, and entries over 1 MB', async () => {
    await expect(
      eb.send(new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => entry()) })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(
        /^1 validation error detected: Value '\[PutEventsRequestEntry\(time=null, source=app\.orders, .*\)\]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10$/,
      ),
    });
    await expect(eb.send(new PutEventsCommand({ Entries: [] }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    const big = JSON.stringify({ payload: 'p'.repeat(1024 * 1024) });
    await expect(eb.send(new PutEventsCommand({ Entries: [entry({ Detail: big })] }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Total size of the entries in the request is over the limit.',
    });
    // Just under the limit is fine (the old 256 KB limit no longer applies).
    const large = JSON.stringify({ payload: 'p'.repeat(900 * 1024) });
    const ok = await eb.send(new PutEventsCommand({ Entries: [entry({ Detail: large })] }));
    expect(ok.FailedEntryCount).toBe(0);
  });
});

describe('EventBridge TestEventPattern', () => {
  const event = JSON.stringify({
    id: '1',
    account: ACCOUNT,
    source: 'app.orders',
    time: '2024-01-01T00:00:00Z',
    region: 'us-east-1',
    'detail-type': 'OrderPlaced',
    resources: [],
    detail: { location: 'eu-west-1', amount: 150 },
  });

  it('matches and does not match', async () => {
    const cases: [object, boolean][] = [
      [{ source: ['app.orders'] }, true],
      [{ source: ['other'] }, false],
      [{ detail: { location: [{ prefix: 'eu-' }] } }, true],
      [{ detail: { amount: [{ numeric: ['>', 200] }] } }, false],
      [{ detail: { missing: [{ exists: false }] } }, true],
    ];
    for (const [p, result] of cases) {
      const out = await eb.send(
        new TestEventPatternCommand({ EventPattern: JSON.stringify(p), Event: event }),
      );
      expect(out.Result, JSON.stringify(p)).toBe(result);
    }
  });

  it('names bad patterns and bad events', async () => {
    await expect(
      eb.send(new TestEventPatternCommand({ EventPattern: '{"source": "app"}', Event: event })),
    ).rejects.toMatchObject({ name: 'InvalidEventPatternException' });
    for (const bad of ['not json', '[]', JSON.stringify({ source: 'x' })]) {
      await expect(
        eb.send(new TestEventPatternCommand({ EventPattern: pattern, Event: bad })),
      ).rejects.toMatchObject({ name: 'ValidationException', message: 'Parameter Event is not valid.' });
    }
  });
});

describe('EventBridge tags', () => {
  it('tags buses (default included) and rules, and forgets them with the resource', async () => {
    const bus = unique('bus');
    const { EventBusArn } = await eb.send(
      new CreateEventBusCommand({ Name: bus, Tags: [{ Key: 'faas:project', Value: 'demo' }] }),
    );
    expect((await eb.send(new ListTagsForResourceCommand({ ResourceARN: EventBusArn }))).Tags).toEqual([
      { Key: 'faas:project', Value: 'demo' },
    ]);
    const rule = unique('rule');
    const { RuleArn } = await eb.send(
      new PutRuleCommand({
        Name: rule,
        EventPattern: pattern,
        EventBusName: bus,
        Tags: [{ Key: 'a', Value: '1' }],
      }),
    );
    await eb.send(
      new TagResourceCommand({
        ResourceARN: RuleArn,
        Tags: [
          { Key: 'b', Value: '2' },
          { Key: 'a', Value: '3' },
        ],
      }),
    );
    expect((await eb.send(new ListTagsForResourceCommand({ ResourceARN: RuleArn }))).Tags).toEqual([
      { Key: 'a', Value: '3' },
      { Key: 'b', Value: '2' },
    ]);
    await eb.send(new UntagResourceCommand({ ResourceARN: RuleArn, TagKeys: ['a', 'never-set'] }));
    expect((await eb.send(new ListTagsForResourceCommand({ ResourceARN: RuleArn }))).Tags).toEqual([
      { Key: 'b', Value: '2' },
    ]);
    const defaultArn = `${ARN}:event-bus/default`;
    await eb.send(new TagResourceCommand({ ResourceARN: defaultArn, Tags: [{ Key: 'k', Value: 'v' }] }));
    expect((await eb.send(new ListTagsForResourceCommand({ ResourceARN: defaultArn }))).Tags).toContainEqual({
      Key: 'k',
      Value: 'v',
    });
    await eb.send(new DeleteRuleCommand({ Name: rule, EventBusName: bus }));
    await expect(eb.send(new ListTagsForResourceCommand({ ResourceARN: RuleArn }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Rule ${rule} does not exist on EventBus ${bus}.`,
    });
  });

  it('names missing resources and duplicate keys', async () => {
    const missingBus = `${ARN}:event-bus/${unique('nope')}`;
    for (const command of [
      new TagResourceCommand({ ResourceARN: missingBus, Tags: [{ Key: 'a', Value: 'b' }] }),
      new UntagResourceCommand({ ResourceARN: missingBus, TagKeys: ['a'] }),
      new ListTagsForResourceCommand({ ResourceARN: missingBus }),
    ]) {
      await expect(eb.send(command as never)).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        message: expect.stringMatching(/^Event bus nope-.* does not exist\.$/),
      });
    }
    await expect(
      eb.send(new ListTagsForResourceCommand({ ResourceARN: `${ARN}:rule/${unique('ghost')}` })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: expect.stringMatching(/on EventBus default\.$/),
    });
    await expect(
      eb.send(
        new TagResourceCommand({
          ResourceARN: `${ARN}:event-bus/default`,
          Tags: [
            { Key: 'x', Value: '1' },
            { Key: 'x', Value: '2' },
          ],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Invalid parameter: Duplicated keys are not allowed.',
    });
  });
});

describe('EventBridge operations the local cloud does not implement', () => {
  it('answers with NotImplemented naming the operation', async () => {
    await expect(
      eb.send(new CreateArchiveCommand({ ArchiveName: 'a', EventSourceArn: `${ARN}:event-bus/default` })),
    ).rejects.toMatchObject({ name: 'NotImplemented', $metadata: { httpStatusCode: 501 } });
  });
});
