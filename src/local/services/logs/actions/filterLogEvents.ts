// CloudWatch Logs FilterLogEvents: events of a group's streams (all, named, or by prefix) merged in
// time order and matched against a filter pattern, paginated with nextToken.

import type { FilterLogEventsRequest, FilterLogEventsResponse } from '@aws-sdk/client-cloudwatch-logs';
import type { ActionContext } from '../../../service.js';
import { compileFilterPattern } from '../filterPattern.js';
import { filterStreams } from '../reading.js';
import { resolveGroup } from '../resources.js';
import type { LogsState } from '../store.js';
import { invalidParameter, streamName, Violations } from '../validate.js';

const DAY = 86_400_000;

export function filterLogEvents(
  input: FilterLogEventsRequest,
  ctx: ActionContext<LogsState>,
): FilterLogEventsResponse {
  const v = new Violations();
  streamName(v, input.logStreamNamePrefix, false, 'logStreamNamePrefix');
  if (
    input.logStreamNames !== undefined &&
    (input.logStreamNames.length < 1 || input.logStreamNames.length > 100)
  )
    v.add(
      `[${input.logStreamNames.join(', ')}]`,
      'logStreamNames',
      'Member must have length between 1 and 100',
    );
  v.string(input.filterPattern, 'filterPattern', { max: 1024 });
  v.number(input.limit, 'limit', 1, 10_000);
  v.number(input.startTime, 'startTime', 0, Number.MAX_SAFE_INTEGER);
  v.number(input.endTime, 'endTime', 0, Number.MAX_SAFE_INTEGER);
  v.check();
  if (input.logStreamNames !== undefined && input.logStreamNamePrefix !== undefined)
    throw invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
  const group = resolveGroup(ctx.state, input, ctx.accountId);
  const matcher = compileFilterPattern(input.filterPattern);
  const names = input.logStreamNames ? new Set(input.logStreamNames) : undefined;
  const prefix = input.logStreamNamePrefix ?? '';
  const streams = [...group.streams.values()].filter(
    (s) => (names === undefined || names.has(s.name)) && s.name.startsWith(prefix),
  );
  const { events, nextToken } = filterStreams(streams, {
    startTime: input.startTime,
    endTime: input.endTime,
    notBefore:
      group.retentionInDays !== undefined ? ctx.cloud.clock.now() - group.retentionInDays * DAY : undefined,
    token: input.nextToken,
    limit: input.limit,
    matcher,
  });
  return {
    events,
    // Deprecated by AWS but still filled in: every selected stream was searched to the end.
    searchedLogStreams: streams.map((s) => ({ logStreamName: s.name, searchedCompletely: true })),
    nextToken,
  } satisfies FilterLogEventsResponse;
}
