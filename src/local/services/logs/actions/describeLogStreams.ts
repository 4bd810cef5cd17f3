// CloudWatch Logs DescribeLogStreams: by name (optionally a prefix) or by last event time,
// ascending or descending, 50 a page at most.

import type { DescribeLogStreamsRequest, DescribeLogStreamsResponse } from '@aws-sdk/client-cloudwatch-logs';
import type { ActionContext } from '../../../service.js';
import { resolveGroup, toLogStream } from '../resources.js';
import type { LogsState } from '../store.js';
import { pageByKey } from '../tokens.js';
import { invalidParameter, streamName, Violations } from '../validate.js';

export function describeLogStreams(
  input: DescribeLogStreamsRequest,
  ctx: ActionContext<LogsState>,
): DescribeLogStreamsResponse {
  const v = new Violations();
  streamName(v, input.logStreamNamePrefix, false, 'logStreamNamePrefix');
  v.number(input.limit, 'limit', 1, 50);
  if (input.orderBy !== undefined && input.orderBy !== 'LogStreamName' && input.orderBy !== 'LastEventTime')
    v.add(input.orderBy, 'orderBy', 'Member must satisfy enum value set: [LogStreamName, LastEventTime]');
  v.check();
  const byTime = input.orderBy === 'LastEventTime';
  if (byTime && input.logStreamNamePrefix !== undefined)
    throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
  const group = resolveGroup(ctx.state, input, ctx.accountId);
  const prefix = input.logStreamNamePrefix ?? '';
  const streams = [...group.streams.values()].filter((s) => s.name.startsWith(prefix));
  const { page, nextToken } = pageByKey(
    streams,
    // Streams without events sort first by time; the name breaks ties so paging is stable.
    (s) => (byTime ? [s.lastEventTimestamp ?? 0, s.name] : [s.name]),
    { token: input.nextToken, limit: input.limit ?? 50, descending: input.descending },
  );
  const scope = { region: ctx.cloud.region, accountId: ctx.accountId };
  return {
    logStreams: page.map((s) => toLogStream(group, s, scope)),
    nextToken,
  } satisfies DescribeLogStreamsResponse;
}
