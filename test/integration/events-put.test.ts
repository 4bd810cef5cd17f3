// EventBridge PutEvents entry validation and limits, and TestEventPattern matching, through the
// real SDK client.

import {
  PutEventsCommand,
  type PutEventsRequestEntry,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, eb, pattern, useEventsCloud } from './eventsHelpers.js';

useEventsCloud();

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
