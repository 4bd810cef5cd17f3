// EventBridge targets through the real SDK client: put, replace, list, remove, the five-target
// limit, and each bad target named with its AWS error.

import {
  ListRuleNamesByTargetCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, eb, FN, pattern, unique, useEventsCloud } from './eventsHelpers.js';

useEventsCloud();

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
