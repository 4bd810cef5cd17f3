// CloudWatch Logs PutLogEvents and GetLogEvents through the real SDK client: AWS's batch limits and
// rejected events, reading both ways with tokens and time bounds, the SDK paginator and followers.

import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  GetLogEventsCommand,
  type InputLogEvent,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
  paginateGetLogEvents,
} from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import {
  base,
  groupWithStream,
  invalid,
  logs,
  notFound,
  numbered,
  unique,
  useLogsCloud,
} from './logsHelpers.js';

useLogsCloud();

describe('CloudWatch Logs PutLogEvents', () => {
  it('stores events and reports stored bytes', async () => {
    const { group, stream } = await groupWithStream();
    const put = await logs.send(
      new PutLogEventsCommand({
        logGroupName: group,
        logStreamName: stream,
        logEvents: [
          { timestamp: base, message: 'hello' },
          { timestamp: base, message: 'héllo' },
        ],
      }),
    );
    expect(put.nextSequenceToken).toMatch(/^\d{56}$/);
    expect(put.rejectedLogEventsInfo).toBeUndefined();
    const g = (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }))).logGroups![0]!;
    expect(g.storedBytes).toBe(5 + 6 + 2 * 26);
  });

  it('enforces chronological order, event size, batch size and batch count like AWS', async () => {
    const { group, stream } = await groupWithStream();
    const put = (logEvents: InputLogEvent[]) =>
      logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents }));
    await expect(
      put([
        { timestamp: base + 1, message: 'b' },
        { timestamp: base, message: 'a' },
      ]),
    ).rejects.toMatchObject(
      invalid('Log events in a single PutLogEvents request must be in chronological order.'),
    );
    await expect(put([{ timestamp: base, message: 'x'.repeat(262_144) }])).rejects.toMatchObject(
      invalid('Log event too large: 262170 bytes exceeds limit of 262144'),
    );
    const big = Array.from({ length: 5 }, (_, i) => ({ timestamp: base + i, message: 'y'.repeat(220_000) }));
    await expect(put(big)).rejects.toMatchObject(
      invalid('Upload too large: 1100130 bytes exceeds limit of 1048576'),
    );
    await expect(put(numbered(10_001))).rejects.toMatchObject(
      invalid(
        /at 'logEvents' failed to satisfy constraint: Member must have length less than or equal to 10000/,
      ),
    );
    await expect(put([])).rejects.toMatchObject(
      invalid(/Member must have length greater than or equal to 1/),
    );
    await expect(
      put([
        { timestamp: base - 25 * 3_600_000, message: 'a' },
        { timestamp: base, message: 'b' },
      ]),
    ).rejects.toMatchObject(
      invalid('The batch of log events in a single PutLogEvents request cannot span more than 24 hours.'),
    );
    await expect(put(numbered(10_000))).resolves.toBeDefined();
  });

  it('rejects events too old or too new, keeping the rest', async () => {
    const { group, stream } = await groupWithStream();
    const now = Date.now();
    const day = 86_400_000;
    const result = await logs.send(
      new PutLogEventsCommand({
        logGroupName: group,
        logStreamName: stream,
        logEvents: [
          { timestamp: now - 14 * day - 7_200_000, message: 'ancient 1' },
          { timestamp: now - 14 * day - 60_000, message: 'ancient 2' },
          { timestamp: now - 14 * day + 3_600_000, message: 'kept 1' },
          { timestamp: now - 14 * day + 7_200_000, message: 'kept 2' },
        ],
      }),
    );
    expect(result.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 1 });
    const future = await logs.send(
      new PutLogEventsCommand({
        logGroupName: group,
        logStreamName: stream,
        logEvents: [
          { timestamp: now, message: 'kept 3' },
          { timestamp: now + 3 * 3_600_000, message: 'future' },
        ],
      }),
    );
    expect(future.rejectedLogEventsInfo).toEqual({ tooNewLogEventStartIndex: 1 });
    const read = await logs.send(
      new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true }),
    );
    expect(read.events?.map((e) => e.message)).toEqual(['kept 1', 'kept 2', 'kept 3']);

    const retained = unique('retained');
    await logs.send(new CreateLogGroupCommand({ logGroupName: retained }));
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: retained, retentionInDays: 1 }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: retained, logStreamName: 's' }));
    const expired = await logs.send(
      new PutLogEventsCommand({
        logGroupName: retained,
        logStreamName: 's',
        logEvents: [
          { timestamp: now - day - 3_600_000, message: 'expired' },
          { timestamp: now - 7_200_000, message: 'fresh' },
        ],
      }),
    );
    expect(expired.rejectedLogEventsInfo).toEqual({ expiredLogEventEndIndex: 0 });
    const kept = await logs.send(new GetLogEventsCommand({ logGroupName: retained, logStreamName: 's' }));
    expect(kept.events?.map((e) => e.message)).toEqual(['fresh']);
  });

  it('answers ResourceNotFoundException for a missing group or stream', async () => {
    const { group } = await groupWithStream();
    await expect(
      logs.send(
        new PutLogEventsCommand({ logGroupName: unique('nope'), logStreamName: 's', logEvents: numbered(1) }),
      ),
    ).rejects.toMatchObject(notFound('group'));
    await expect(
      logs.send(
        new PutLogEventsCommand({ logGroupName: group, logStreamName: 'nope', logEvents: numbered(1) }),
      ),
    ).rejects.toMatchObject(notFound('stream'));
    await expect(
      logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: 'nope' })),
    ).rejects.toMatchObject(notFound('stream'));
  });
});

describe('CloudWatch Logs GetLogEvents', () => {
  it('returns the newest page by default and the oldest with startFromHead', async () => {
    const { group, stream } = await groupWithStream(numbered(25));
    const tail = await logs.send(
      new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, limit: 5 }),
    );
    expect(tail.events?.map((e) => e.message)).toEqual([
      'event 20',
      'event 21',
      'event 22',
      'event 23',
      'event 24',
    ]);
    expect(tail.nextForwardToken).toMatch(/^f\/\d{56}$/);
    expect(tail.nextBackwardToken).toMatch(/^b\/\d{56}$/);
    const head = await logs.send(
      new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, limit: 3, startFromHead: true }),
    );
    expect(head.events?.map((e) => e.message)).toEqual(['event 0', 'event 1', 'event 2']);
    expect(head.events?.[0]?.ingestionTime).toBeGreaterThan(0);

    // Walk backward from the tail, then forward again.
    const back = await logs.send(
      new GetLogEventsCommand({
        logGroupName: group,
        logStreamName: stream,
        limit: 5,
        nextToken: tail.nextBackwardToken,
      }),
    );
    expect(back.events?.map((e) => e.message)).toEqual([
      'event 15',
      'event 16',
      'event 17',
      'event 18',
      'event 19',
    ]);
    const forward = await logs.send(
      new GetLogEventsCommand({
        logGroupName: group,
        logStreamName: stream,
        limit: 5,
        nextToken: back.nextForwardToken,
      }),
    );
    expect(forward.events?.map((e) => e.message)).toEqual([
      'event 20',
      'event 21',
      'event 22',
      'event 23',
      'event 24',
    ]);
    // At the end, the same forward token comes back.
    const end = await logs.send(
      new GetLogEventsCommand({
        logGroupName: group,
        logStreamName: stream,
        nextToken: forward.nextForwardToken,
      }),
    );
    expect(end.events).toEqual([]);
    expect(end.nextForwardToken).toBe(forward.nextForwardToken);
    await expect(
      logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, nextToken: 'x/123' })),
    ).rejects.toMatchObject(invalid('The specified nextToken is invalid.'));
  });

  it('filters by startTime (inclusive) and endTime (exclusive)', async () => {
    const { group, stream } = await groupWithStream(numbered(10));
    const page = await logs.send(
      new GetLogEventsCommand({
        logGroupName: group,
        logStreamName: stream,
        startTime: base + 3,
        endTime: base + 6,
        startFromHead: true,
      }),
    );
    expect(page.events?.map((e) => e.message)).toEqual(['event 3', 'event 4', 'event 5']);
  });

  it('paginates with the SDK paginator (stopOnSameToken) across every event', async () => {
    const { group, stream } = await groupWithStream(numbered(23));
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateGetLogEvents(
      { client: logs, pageSize: 5, stopOnSameToken: true },
      { logGroupName: group, logStreamName: stream, startFromHead: true },
    )) {
      pages++;
      seen.push(...(page.events ?? []).map((e) => e.message!));
    }
    expect(seen).toEqual(numbered(23).map((e) => e.message));
    expect(pages).toBe(6);
  });

  it('lets a follower poll nextForwardToken and see only new events', async () => {
    const { group, stream } = await groupWithStream(numbered(3));
    const first = await logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream }));
    expect(first.events).toHaveLength(3);
    const idle = await logs.send(
      new GetLogEventsCommand({
        logGroupName: group,
        logStreamName: stream,
        nextToken: first.nextForwardToken,
      }),
    );
    expect(idle.events).toEqual([]);
    expect(idle.nextForwardToken).toBe(first.nextForwardToken);
    // A new event with the same timestamp as the last one still counts as new.
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: group,
        logStreamName: stream,
        logEvents: [
          { timestamp: base + 2, message: 'same ms' },
          { timestamp: base + 100, message: 'later' },
        ],
      }),
    );
    const next = await logs.send(
      new GetLogEventsCommand({
        logGroupName: group,
        logStreamName: stream,
        nextToken: idle.nextForwardToken,
      }),
    );
    expect(next.events?.map((e) => e.message)).toEqual(['same ms', 'later']);

    const empty = await groupWithStream();
    const none = await logs.send(
      new GetLogEventsCommand({ logGroupName: empty.group, logStreamName: empty.stream }),
    );
    expect(none.events).toEqual([]);
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: empty.group,
        logStreamName: empty.stream,
        logEvents: numbered(2),
      }),
    );
    const arrived = await logs.send(
      new GetLogEventsCommand({
        logGroupName: empty.group,
        logStreamName: empty.stream,
        nextToken: none.nextForwardToken,
      }),
    );
    expect(arrived.events?.map((e) => e.message)).toEqual(['event 0', 'event 1']);
  });
});
