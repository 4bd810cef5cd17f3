// CloudWatch Logs FilterLogEvents (stream interleaving, text, JSON and space-delimited patterns,
// paging) and the in-process append API other services write through.

import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  paginateFilterLogEvents,
} from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import { base, invalid, local, logs, notFound, unique, useLogsCloud } from './logsHelpers.js';

useLogsCloud();

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
