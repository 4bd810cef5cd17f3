import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DeleteLogStreamCommand,
  DeleteRetentionPolicyCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  type InputLogEvent,
  ListTagsForResourceCommand,
  ListTagsLogGroupCommand,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
  paginateDescribeLogGroups,
  paginateFilterLogEvents,
  paginateGetLogEvents,
  TagLogGroupCommand,
  TagResourceCommand,
  UntagLogGroupCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../../src/local/index.js';
import { useLocalCloud } from '../helpers/localCloud.js';

let local: LocalCloud;
let logs: CloudWatchLogsClient;
let counter = 0;
const unique = (base: string): string => `${base}-${process.pid}-${++counter}`;
const arnOf = (group: string): string => `arn:aws:logs:us-east-1:000000000000:log-group:${group}`;

const client = (endpoint: string): CloudWatchLogsClient =>
  new CloudWatchLogsClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });

useLocalCloud((l) => {
  local = l;
  logs = client(l.endpoint);
});

const invalid = (message?: string | RegExp) => ({
  name: 'InvalidParameterException',
  ...(message === undefined
    ? {}
    : { message: typeof message === 'string' ? message : expect.stringMatching(message) }),
  $metadata: { httpStatusCode: 400 },
});
const notFound = (what: 'group' | 'stream') => ({
  name: 'ResourceNotFoundException',
  message: `The specified log ${what} does not exist.`,
  $metadata: { httpStatusCode: 400 },
});

async function groupWithStream(events: InputLogEvent[] = []): Promise<{ group: string; stream: string }> {
  const group = `/faas/test/${unique('g')}`;
  const stream = unique('s');
  await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
  await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
  if (events.length > 0)
    await logs.send(
      new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: events }),
    );
  return { group, stream };
}

const base = Date.now() - 60_000;
const numbered = (n: number, from = 0): InputLogEvent[] =>
  Array.from({ length: n }, (_, i) => ({ timestamp: base + from + i, message: `event ${from + i}` }));

describe('CloudWatch Logs groups', () => {
  it('creates, describes and deletes a log group', async () => {
    const name = `/aws/lambda/${unique('fn')}`;
    await logs.send(new CreateLogGroupCommand({ logGroupName: name, tags: { team: 'a' } }));
    const { logGroups } = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
    expect(logGroups).toHaveLength(1);
    const g = logGroups![0]!;
    expect(g.logGroupName).toBe(name);
    expect(g.arn).toBe(`${arnOf(name)}:*`);
    expect(g.logGroupArn).toBe(arnOf(name));
    expect(g.creationTime).toBeGreaterThan(Date.now() - 60_000);
    expect(g.storedBytes).toBe(0);
    expect(g.retentionInDays).toBeUndefined();
    expect(g.logGroupClass).toBe('STANDARD');
    await logs.send(new DeleteLogGroupCommand({ logGroupName: name }));
    expect((await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }))).logGroups).toEqual(
      [],
    );
    await expect(logs.send(new DeleteLogGroupCommand({ logGroupName: name }))).rejects.toMatchObject(
      notFound('group'),
    );
  });

  it('refuses a duplicate group and bad names', async () => {
    const name = unique('dup');
    await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    await expect(logs.send(new CreateLogGroupCommand({ logGroupName: name }))).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message: 'The specified log group already exists',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(logs.send(new CreateLogGroupCommand({ logGroupName: 'bad name!' }))).rejects.toMatchObject(
      invalid(
        "1 validation error detected: Value 'bad name!' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+",
      ),
    );
    await expect(
      logs.send(new CreateLogGroupCommand({ logGroupName: 'x'.repeat(513) })),
    ).rejects.toMatchObject(invalid(/Member must have length less than or equal to 512/));
    await expect(logs.send(new CreateLogGroupCommand({ logGroupName: '' }))).rejects.toMatchObject(
      invalid(/Member must have length greater than or equal to 1/),
    );
  });

  it('pages DescribeLogGroups by prefix, limit and nextToken, and matches name patterns', async () => {
    const prefix = `/paging/${unique('p')}/`;
    const names = ['d', 'b', 'e', 'a', 'c'].map((n) => `${prefix}${n}`);
    for (const n of names) await logs.send(new CreateLogGroupCommand({ logGroupName: n }));
    const first = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix, limit: 2 }));
    expect(first.logGroups?.map((g) => g.logGroupName)).toEqual([`${prefix}a`, `${prefix}b`]);
    expect(first.nextToken).toBeDefined();
    const seen: string[] = [];
    for await (const page of paginateDescribeLogGroups(
      { client: logs, pageSize: 2 },
      { logGroupNamePrefix: prefix },
    ))
      seen.push(...(page.logGroups ?? []).map((g) => g.logGroupName!));
    expect(seen).toEqual([...names].sort());
    const byPattern = await logs.send(
      new DescribeLogGroupsCommand({ logGroupNamePattern: prefix.toUpperCase().slice(9) }),
    );
    expect(byPattern.logGroups?.map((g) => g.logGroupName)).toEqual([...names].sort());
    await expect(logs.send(new DescribeLogGroupsCommand({ limit: 51 }))).rejects.toMatchObject(
      invalid(/Member must have value less than or equal to 50/),
    );
    await expect(
      logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'a', logGroupNamePattern: 'b' })),
    ).rejects.toMatchObject(invalid());
    await expect(logs.send(new DescribeLogGroupsCommand({ nextToken: 'garbage' }))).rejects.toMatchObject(
      invalid('The specified nextToken is invalid.'),
    );
  });

  it('sets and removes retention, allowing only AWS day values', async () => {
    const name = unique('ret');
    await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: 14 }));
    let g = (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }))).logGroups![0]!;
    expect(g.retentionInDays).toBe(14);
    await expect(
      logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: 4 })),
    ).rejects.toMatchObject(
      invalid(
        "1 validation error detected: Value '4' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]",
      ),
    );
    await logs.send(new DeleteRetentionPolicyCommand({ logGroupName: name }));
    g = (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }))).logGroups![0]!;
    expect(g.retentionInDays).toBeUndefined();
    await expect(
      logs.send(new PutRetentionPolicyCommand({ logGroupName: unique('missing'), retentionInDays: 7 })),
    ).rejects.toMatchObject(notFound('group'));
    await expect(
      logs.send(new DeleteRetentionPolicyCommand({ logGroupName: unique('missing') })),
    ).rejects.toMatchObject(notFound('group'));
  });
});

describe('CloudWatch Logs streams', () => {
  it('creates streams and refuses duplicates or missing groups', async () => {
    const { group, stream } = await groupWithStream();
    await expect(
      logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream })),
    ).rejects.toMatchObject({ name: 'ResourceAlreadyExistsException', $metadata: { httpStatusCode: 400 } });
    await expect(
      logs.send(new CreateLogStreamCommand({ logGroupName: unique('nogroup'), logStreamName: 's' })),
    ).rejects.toMatchObject(notFound('group'));
    await expect(
      logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 'a:b' })),
    ).rejects.toMatchObject(invalid(/at 'logStreamName'/));
    await logs.send(new DeleteLogStreamCommand({ logGroupName: group, logStreamName: stream }));
    await expect(
      logs.send(new DeleteLogStreamCommand({ logGroupName: group, logStreamName: stream })),
    ).rejects.toMatchObject(notFound('stream'));
  });

  it('describes streams by name prefix or last event time, with paging', async () => {
    const group = unique('streams');
    await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    const names = ['2024/01/02/[$LATEST]b', '2024/01/02/[$LATEST]a', '2024/01/03/[$LATEST]c', 'other'];
    for (const [i, name] of names.entries()) {
      await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: name }));
      await logs.send(
        new PutLogEventsCommand({
          logGroupName: group,
          logStreamName: name,
          logEvents: [{ timestamp: base + [30, 10, 20, 40][i]!, message: name }],
        }),
      );
    }
    const byName = await logs.send(
      new DescribeLogStreamsCommand({ logGroupName: group, logStreamNamePrefix: '2024/01/02' }),
    );
    expect(byName.logStreams?.map((s) => s.logStreamName)).toEqual([
      '2024/01/02/[$LATEST]a',
      '2024/01/02/[$LATEST]b',
    ]);
    const s = byName.logStreams![0]!;
    expect(s.arn).toBe(`${arnOf(group)}:log-stream:2024/01/02/[$LATEST]a`);
    expect(s.firstEventTimestamp).toBe(base + 10);
    expect(s.lastEventTimestamp).toBe(base + 10);
    expect(s.lastIngestionTime).toBeGreaterThan(0);
    expect(s.storedBytes).toBe(0);

    const byTime = await logs.send(
      new DescribeLogStreamsCommand({ logGroupName: group, orderBy: 'LastEventTime', descending: true }),
    );
    expect(byTime.logStreams?.map((x) => x.logStreamName)).toEqual([
      'other',
      '2024/01/02/[$LATEST]b',
      '2024/01/03/[$LATEST]c',
      '2024/01/02/[$LATEST]a',
    ]);
    const page1 = await logs.send(
      new DescribeLogStreamsCommand({ logGroupIdentifier: arnOf(group), limit: 3 }),
    );
    expect(page1.logStreams).toHaveLength(3);
    const page2 = await logs.send(
      new DescribeLogStreamsCommand({ logGroupName: group, limit: 3, nextToken: page1.nextToken }),
    );
    expect(page2.logStreams?.map((x) => x.logStreamName)).toEqual(['other']);
    expect(page2.nextToken).toBeUndefined();

    await expect(
      logs.send(
        new DescribeLogStreamsCommand({
          logGroupName: group,
          orderBy: 'LastEventTime',
          logStreamNamePrefix: '2024',
        }),
      ),
    ).rejects.toMatchObject(invalid('Cannot order by LastEventTime with a logStreamNamePrefix.'));
    await expect(
      logs.send(new DescribeLogStreamsCommand({ logGroupName: unique('none') })),
    ).rejects.toMatchObject(notFound('group'));
  });
});

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

describe('CloudWatch Logs FilterLogEvents', () => {
  async function seeded(): Promise<string> {
    const group = unique('filter');
    await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    const lines: Record<string, [number, string][]> = {
      a: [
        [1, 'INFO starting up'],
        [4, 'ERROR disk full on /dev/sda'],
        [6, '{"level":"ERROR","latency":700,"user":{"id":"u1"}}'],
        [9, 'WARN slow request'],
      ],
      b: [
        [2, 'ERROR connection refused'],
        [4, 'INFO request done'],
        [7, '{"level":"INFO","latency":20,"flag":true,"gone":null}'],
        [8, '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 404 2326'],
      ],
    };
    for (const [stream, events] of Object.entries(lines)) {
      await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
      await logs.send(
        new PutLogEventsCommand({
          logGroupName: group,
          logStreamName: stream,
          logEvents: events.map(([t, message]) => ({ timestamp: base + t, message })),
        }),
      );
    }
    return group;
  }

  const messages = async (group: string, filterPattern?: string, extra = {}) =>
    (
      await logs.send(new FilterLogEventsCommand({ logGroupName: group, filterPattern, ...extra }))
    ).events?.map((e) => e.message);

  it('interleaves streams in time order with stream names and event ids', async () => {
    const group = await seeded();
    const res = await logs.send(new FilterLogEventsCommand({ logGroupName: group }));
    expect(res.events?.map((e) => `${e.logStreamName}@${e.timestamp! - base}`)).toEqual([
      'a@1',
      'b@2',
      'a@4',
      'b@4',
      'a@6',
      'b@7',
      'b@8',
      'a@9',
    ]);
    expect(new Set(res.events?.map((e) => e.eventId)).size).toBe(8);
    expect(res.nextToken).toBeUndefined();
    expect(
      await messages(group, undefined, { logStreamNames: ['b'], startTime: base + 3, endTime: base + 7 }),
    ).toEqual(['INFO request done', '{"level":"INFO","latency":20,"flag":true,"gone":null}']);
    await expect(
      logs.send(
        new FilterLogEventsCommand({ logGroupName: group, logStreamNames: ['a'], logStreamNamePrefix: 'a' }),
      ),
    ).rejects.toMatchObject(invalid());
    await expect(
      logs.send(new FilterLogEventsCommand({ logGroupName: unique('none') })),
    ).rejects.toMatchObject(notFound('group'));
  });

  it('matches plain terms, quoted phrases, ?alternatives, -exclusions and %regex%', async () => {
    const group = await seeded();
    expect(await messages(group, 'ERROR')).toEqual([
      'ERROR connection refused',
      'ERROR disk full on /dev/sda',
      '{"level":"ERROR","latency":700,"user":{"id":"u1"}}',
    ]);
    expect(await messages(group, 'ERROR full')).toEqual(['ERROR disk full on /dev/sda']);
    expect(await messages(group, 'error')).toEqual([]);
    expect(await messages(group, '"connection refused"')).toEqual(['ERROR connection refused']);
    expect(await messages(group, '"refused connection"')).toEqual([]);
    expect(await messages(group, '?WARN ?starting')).toEqual(['INFO starting up', 'WARN slow request']);
    expect(await messages(group, 'ERROR -disk -level')).toEqual(['ERROR connection refused']);
    expect(await messages(group, '%^(WARN|INFO) %')).toEqual([
      'INFO starting up',
      'INFO request done',
      'WARN slow request',
    ]);
    expect(await messages(group, '""')).toHaveLength(8);
  });

  it('matches JSON and space-delimited patterns', async () => {
    const group = await seeded();
    const err = '{"level":"ERROR","latency":700,"user":{"id":"u1"}}';
    const info = '{"level":"INFO","latency":20,"flag":true,"gone":null}';
    expect(await messages(group, '{ $.level = "ERROR" }')).toEqual([err]);
    expect(await messages(group, '{ $.level = "ERR*" }')).toEqual([err]);
    expect(await messages(group, '{ $.level != "ERROR" }')).toEqual([info]);
    expect(await messages(group, '{ $.latency > 500 }')).toEqual([err]);
    expect(await messages(group, '{ $.latency <= 20 || $.user.id = "u1" }')).toEqual([err, info]);
    expect(await messages(group, '{ ($.level = "INFO" && $.flag IS TRUE) }')).toEqual([info]);
    expect(await messages(group, '{ $.gone IS NULL }')).toEqual([info]);
    expect(await messages(group, '{ $.user NOT EXISTS }')).toEqual([info]);
    expect(
      await messages(group, '[ip, identity, user, timestamp, request, status_code = 404, bytes > 1000]'),
    ).toEqual(['127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 404 2326']);
    expect(await messages(group, '[..., status_code = 5*, bytes]')).toEqual([]);
    expect(await messages(group, '[level = ERROR, ...]')).toEqual([
      'ERROR connection refused',
      'ERROR disk full on /dev/sda',
    ]);
    await expect(messages(group, '{ $.level = }')).rejects.toMatchObject(invalid(/Invalid filter pattern/));
  });

  it('paginates with nextToken without skipping or repeating events', async () => {
    const group = unique('fpage');
    await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    for (const s of ['x', 'y', 'z']) {
      await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: s }));
      // Same timestamps in every stream: the stream name must break the tie consistently.
      await logs.send(
        new PutLogEventsCommand({
          logGroupName: group,
          logStreamName: s,
          logEvents: Array.from({ length: 7 }, (_, i) => ({
            timestamp: base + (i >> 1),
            message: `${s}${i} match`,
          })),
        }),
      );
    }
    const all = await messages(group, 'match');
    expect(all).toHaveLength(21);
    const paged: string[] = [];
    for await (const page of paginateFilterLogEvents(
      { client: logs, pageSize: 4 },
      { logGroupName: group, filterPattern: 'match' },
    )) {
      expect(page.events!.length).toBeLessThanOrEqual(4);
      paged.push(...page.events!.map((e) => e.message!));
    }
    expect(paged).toEqual(all);
  });
});

describe('CloudWatch Logs tags', () => {
  it('tags, lists and untags a group by ARN', async () => {
    const name = unique('tags');
    await logs.send(new CreateLogGroupCommand({ logGroupName: name, tags: { a: '1' } }));
    await logs.send(new TagResourceCommand({ resourceArn: arnOf(name), tags: { b: '2', a: 'one' } }));
    expect((await logs.send(new ListTagsForResourceCommand({ resourceArn: arnOf(name) }))).tags).toEqual({
      a: 'one',
      b: '2',
    });
    await logs.send(new UntagResourceCommand({ resourceArn: arnOf(name), tagKeys: ['a'] }));
    expect(
      (await logs.send(new ListTagsForResourceCommand({ resourceArn: `${arnOf(name)}:*` }))).tags,
    ).toEqual({ b: '2' });
    await expect(
      logs.send(new ListTagsForResourceCommand({ resourceArn: arnOf(unique('missing')) })),
    ).rejects.toMatchObject(notFound('group'));
    await expect(
      logs.send(new TagResourceCommand({ resourceArn: 'not-an-arn', tags: { a: 'b' } })),
    ).rejects.toMatchObject(invalid());
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    await expect(
      logs.send(new TagResourceCommand({ resourceArn: arnOf(name), tags: many })),
    ).rejects.toMatchObject({
      name: 'TooManyTagsException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('supports the legacy TagLogGroup, ListTagsLogGroup and UntagLogGroup', async () => {
    const name = unique('legacy');
    await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    await logs.send(new TagLogGroupCommand({ logGroupName: name, tags: { team: 'x', env: 'dev' } }));
    expect((await logs.send(new ListTagsLogGroupCommand({ logGroupName: name }))).tags).toEqual({
      team: 'x',
      env: 'dev',
    });
    await logs.send(new UntagLogGroupCommand({ logGroupName: name, tags: ['team'] }));
    expect((await logs.send(new ListTagsLogGroupCommand({ logGroupName: name }))).tags).toEqual({
      env: 'dev',
    });
    await expect(logs.send(new ListTagsLogGroupCommand({ logGroupName: unique('x') }))).rejects.toMatchObject(
      notFound('group'),
    );
  });
});

describe('LogsInternal (in-process)', () => {
  it('creates the group and stream on first append and appends after', async () => {
    const group = `/aws/lambda/${unique('fn')}`;
    const stream = '2024/05/01/[$LATEST]0123456789abcdef';
    const api = local.cloud.api('logs');
    const now = Date.now();
    await api.append(group, stream, [
      { timestamp: now, message: `START RequestId: r1 Version: $LATEST\n` },
      { timestamp: now + 1, message: 'hello from the function\n' },
    ]);
    await api.append(group, stream, [{ timestamp: now + 2, message: 'END RequestId: r1\n' }]);
    const read = await logs.send(
      new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true }),
    );
    expect(read.events?.map((e) => e.message)).toEqual([
      'START RequestId: r1 Version: $LATEST\n',
      'hello from the function\n',
      'END RequestId: r1\n',
    ]);
    const filtered = await logs.send(
      new FilterLogEventsCommand({ logGroupName: group, filterPattern: 'hello' }),
    );
    expect(filtered.events).toHaveLength(1);
  });
});

describe('CloudWatch Logs durability', () => {
  it('keeps groups, retention, tags, streams and events across a restart on the same data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'faas-logs-'));
    try {
      const first = await startLocalCloud({ port: 0, dataDir });
      const a = client(first.endpoint);
      await a.send(new CreateLogGroupCommand({ logGroupName: 'kept', tags: { k: 'v' } }));
      await a.send(new PutRetentionPolicyCommand({ logGroupName: 'kept', retentionInDays: 30 }));
      await a.send(new CreateLogStreamCommand({ logGroupName: 'kept', logStreamName: 's1' }));
      await a.send(
        new PutLogEventsCommand({ logGroupName: 'kept', logStreamName: 's1', logEvents: numbered(5) }),
      );
      await a.send(
        new PutLogEventsCommand({ logGroupName: 'kept', logStreamName: 's1', logEvents: numbered(2, 5) }),
      );
      await a.send(new CreateLogGroupCommand({ logGroupName: 'dropped' }));
      await a.send(new DeleteLogGroupCommand({ logGroupName: 'dropped' }));
      await first.cloud
        .api('logs')
        .append('/aws/lambda/fn', 'env-1', [{ timestamp: base, message: 'from lambda' }]);
      const before = await a.send(
        new GetLogEventsCommand({ logGroupName: 'kept', logStreamName: 's1', limit: 3 }),
      );
      await first.stop();

      const second = await startLocalCloud({ port: 0, dataDir });
      try {
        const b = client(second.endpoint);
        const groups = (await b.send(new DescribeLogGroupsCommand({}))).logGroups!;
        expect(groups.map((g) => g.logGroupName)).toEqual(['/aws/lambda/fn', 'kept']);
        expect(groups[1]?.retentionInDays).toBe(30);
        expect(groups[1]?.storedBytes).toBeGreaterThan(0);
        expect((await b.send(new ListTagsLogGroupCommand({ logGroupName: 'kept' }))).tags).toEqual({
          k: 'v',
        });
        const events = await b.send(
          new GetLogEventsCommand({ logGroupName: 'kept', logStreamName: 's1', startFromHead: true }),
        );
        expect(events.events?.map((e) => e.message)).toEqual(numbered(7).map((e) => e.message));
        // Tokens handed out before the restart still work after it.
        const back = await b.send(
          new GetLogEventsCommand({
            logGroupName: 'kept',
            logStreamName: 's1',
            nextToken: before.nextBackwardToken,
          }),
        );
        expect(back.events?.map((e) => e.message)).toEqual(['event 0', 'event 1', 'event 2', 'event 3']);
        const lambda = await b.send(
          new GetLogEventsCommand({ logGroupName: '/aws/lambda/fn', logStreamName: 'env-1' }),
        );
        expect(lambda.events?.map((e) => e.message)).toEqual(['from lambda']);
        // New writes after the restart keep going.
        await b.send(
          new PutLogEventsCommand({ logGroupName: 'kept', logStreamName: 's1', logEvents: numbered(1, 7) }),
        );
        const stream = (await b.send(new DescribeLogStreamsCommand({ logGroupName: 'kept' })))
          .logStreams![0]!;
        expect(stream.lastEventTimestamp).toBe(base + 7);
        expect(stream.firstEventTimestamp).toBe(base);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
