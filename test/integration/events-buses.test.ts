// EventBridge event buses and tags through the real SDK client: the default bus, custom buses and
// paging, tags on buses and rules, and the NotImplemented answer for operations not emulated.

import {
  CreateArchiveCommand,
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeEventBusCommand,
  ListEventBusesCommand,
  ListTagsForResourceCommand,
  PutRuleCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { ARN, eb, pattern, unique, useEventsCloud } from './eventsHelpers.js';

useEventsCloud();

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
