// CloudWatch Logs groups, streams and tags through the real SDK client: create, describe and page,
// retention, stream ordering, and both the ARN-based and the legacy tagging operations.

import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DeleteLogStreamCommand,
  DeleteRetentionPolicyCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  ListTagsForResourceCommand,
  ListTagsLogGroupCommand,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
  paginateDescribeLogGroups,
  TagLogGroupCommand,
  TagResourceCommand,
  UntagLogGroupCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import {
  arnOf,
  base,
  groupWithStream,
  invalid,
  logs,
  notFound,
  unique,
  useLogsCloud,
} from './logsHelpers.js';

useLogsCloud();

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
