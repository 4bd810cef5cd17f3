// CloudWatch Logs durability: groups, retention, tags, streams, events and read tokens survive a
// restart on the same data directory.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  GetLogEventsCommand,
  ListTagsLogGroupCommand,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import { startLocalCloud } from '../../src/local/index.js';
import { base, logsClient as client, numbered } from './logsHelpers.js';

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
