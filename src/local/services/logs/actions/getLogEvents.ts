// CloudWatch Logs GetLogEvents: one stream's events in time order, newest page first unless
// startFromHead; f/ and b/ tokens page forward and backward (and let `--follow` poll).

import type { GetLogEventsRequest, GetLogEventsResponse } from '@aws-sdk/client-cloudwatch-logs';
import type { ActionContext } from '../../../service.js';
import { readStream } from '../reading.js';
import { requireStream, resolveGroup } from '../resources.js';
import type { LogsState } from '../store.js';
import { streamName, Violations } from '../validate.js';

const DAY = 86_400_000;

export function getLogEvents(
  input: GetLogEventsRequest,
  ctx: ActionContext<LogsState>,
): GetLogEventsResponse {
  const v = new Violations();
  streamName(v, input.logStreamName);
  v.number(input.limit, 'limit', 1, 10_000);
  v.number(input.startTime, 'startTime', 0, Number.MAX_SAFE_INTEGER);
  v.number(input.endTime, 'endTime', 0, Number.MAX_SAFE_INTEGER);
  v.check();
  const group = resolveGroup(ctx.state, input, ctx.accountId);
  const stream = requireStream(group, input.logStreamName!);
  const result = readStream(stream.events, {
    startTime: input.startTime,
    endTime: input.endTime,
    notBefore:
      group.retentionInDays !== undefined ? ctx.cloud.clock.now() - group.retentionInDays * DAY : undefined,
    token: input.nextToken,
    limit: input.limit,
    startFromHead: input.startFromHead,
  });
  return result satisfies GetLogEventsResponse;
}
