// CloudWatch Logs PutLogEvents with AWS's batch rules: chronological order, ≤ 10,000 events,
// ≤ 1,048,576 bytes (UTF-8 message + 26 per event), ≤ 256 KB per event, a 24-hour span; events
// older than 14 days (or the retention) or over 2 hours ahead are rejected, the rest stored.

import type {
  PutLogEventsRequest,
  PutLogEventsResponse,
  RejectedLogEventsInfo,
} from '@aws-sdk/client-cloudwatch-logs';
import type { ActionContext } from '../../../service.js';
import { eventSize } from '../eventLog.js';
import { requireGroup, requireStream, sequenceToken } from '../resources.js';
import type { LogsState } from '../store.js';
import { groupName, invalidParameter, streamName, Violations } from '../validate.js';

const MAX_EVENTS = 10_000;
const MAX_BATCH_BYTES = 1_048_576;
const MAX_EVENT_BYTES = 262_144;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export async function putLogEvents(
  input: PutLogEventsRequest,
  ctx: ActionContext<LogsState>,
): Promise<PutLogEventsResponse> {
  const events = input.logEvents;
  const v = new Violations();
  groupName(v, input.logGroupName);
  streamName(v, input.logStreamName);
  if (!events) v.add(undefined, 'logEvents', 'Member must not be null');
  else if (events.length === 0)
    v.add('[]', 'logEvents', 'Member must have length greater than or equal to 1');
  else if (events.length > MAX_EVENTS)
    v.add(
      `[${events.length} events]`,
      'logEvents',
      `Member must have length less than or equal to ${MAX_EVENTS}`,
    );
  events?.forEach((e, i) => {
    if (e.timestamp === undefined)
      v.add(undefined, `logEvents.${i + 1}.member.timestamp`, 'Member must not be null');
    v.string(e.message, `logEvents.${i + 1}.member.message`, { required: true, min: 1 });
  });
  v.check();
  const group = requireGroup(ctx.state, input.logGroupName!);
  const stream = requireStream(group, input.logStreamName!);
  const batch = events!.map((e) => ({ timestamp: e.timestamp!, message: e.message! }));

  let total = 0;
  for (let i = 0; i < batch.length; i++) {
    const e = batch[i]!;
    if (i > 0 && e.timestamp < batch[i - 1]!.timestamp)
      throw invalidParameter('Log events in a single PutLogEvents request must be in chronological order.');
    const size = eventSize(e.message);
    if (size > MAX_EVENT_BYTES)
      throw invalidParameter(`Log event too large: ${size} bytes exceeds limit of ${MAX_EVENT_BYTES}`);
    total += size;
  }
  if (total > MAX_BATCH_BYTES)
    throw invalidParameter(`Upload too large: ${total} bytes exceeds limit of ${MAX_BATCH_BYTES}`);
  if (batch[batch.length - 1]!.timestamp - batch[0]!.timestamp > DAY)
    throw invalidParameter(
      'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
    );

  // The batch is sorted, so rejected events form a run at each end: report the boundary indexes.
  const now = ctx.cloud.clock.now();
  const tooOld = now - 14 * DAY;
  const expired = group.retentionInDays !== undefined ? now - group.retentionInDays * DAY : -Infinity;
  const tooNew = now + 2 * HOUR;
  const rejected: RejectedLogEventsInfo = {};
  let first = 0;
  let end = batch.length;
  while (first < end && batch[first]!.timestamp < Math.max(tooOld, expired)) {
    if (batch[first]!.timestamp < tooOld) rejected.tooOldLogEventEndIndex = first;
    else rejected.expiredLogEventEndIndex = first;
    first++;
  }
  while (end > first && batch[end - 1]!.timestamp > tooNew) end--;
  if (end < batch.length) rejected.tooNewLogEventStartIndex = end;

  const accepted = batch.slice(first, end);
  if (accepted.length > 0) {
    await ctx.cloud.persistence.commit('logs', 'append', {
      group: group.name,
      stream: stream.name,
      at: now,
      events: accepted.map((e) => [e.timestamp, e.message]),
    });
  }
  return {
    nextSequenceToken: sequenceToken(stream.uploads),
    rejectedLogEventsInfo: Object.keys(rejected).length > 0 ? rejected : undefined,
  } satisfies PutLogEventsResponse;
}
