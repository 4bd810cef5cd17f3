// The two read paths over stored events: GetLogEvents (one stream, forward/backward cursors) and
// FilterLogEvents (many streams merged in time order, then matched against a filter pattern).

import type { FilteredLogEvent, OutputLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { type EventLog, eventSize } from './eventLog.js';
import type { Matcher } from './filterPattern.js';
import type { LogStreamState } from './store.js';
import { opaqueToken, parseOpaqueToken, parseStreamToken, streamToken } from './tokens.js';

/** Both read APIs stop a page at 10,000 events or 1 MB, whichever comes first. */
export const MAX_PAGE_EVENTS = 10_000;
export const MAX_PAGE_BYTES = 1_048_576;

export interface StreamRead {
  events: OutputLogEvent[];
  nextForwardToken: string;
  nextBackwardToken: string;
}

export interface StreamReadOptions {
  /** Inclusive. */
  startTime?: number;
  /** Exclusive, as GetLogEvents documents. */
  endTime?: number;
  /** Events older than this are past the group's retention and no longer visible. */
  notBefore?: number;
  token?: string;
  limit?: number;
  startFromHead?: boolean;
}

export function readStream(log: EventLog, opts: StreamReadOptions): StreamRead {
  const limit = opts.limit ?? MAX_PAGE_EVENTS;
  const lo = log.lowerBound(Math.max(opts.startTime ?? 0, opts.notBefore ?? 0));
  const hi = Math.max(lo, opts.endTime !== undefined ? log.lowerBound(opts.endTime) : log.length);
  const forwardFrom = (from: number): number => {
    let to = from;
    let bytes = 0;
    while (to < hi && to - from < limit) {
      bytes += eventSize(log.messageAt(to));
      if (bytes > MAX_PAGE_BYTES && to > from) break;
      to++;
    }
    return to;
  };
  const backwardFrom = (to: number): number => {
    let from = to;
    let bytes = 0;
    while (from > lo && to - from < limit) {
      bytes += eventSize(log.messageAt(from - 1));
      if (bytes > MAX_PAGE_BYTES && from < to) break;
      from--;
    }
    return from;
  };

  let from: number;
  let to: number;
  if (opts.token !== undefined) {
    const { direction, cursor } = parseStreamToken(opts.token);
    const p = log.indexOf(cursor);
    if (direction === 'f') {
      from = Math.min(Math.max(lo, p), hi);
      to = forwardFrom(from);
      // An exhausted direction returns the caller's own token: the SDK paginator's stop signal.
      if (to === from)
        return { events: [], nextForwardToken: opts.token, nextBackwardToken: streamToken('b', cursor) };
    } else {
      to = Math.max(Math.min(hi, p), lo);
      from = backwardFrom(to);
      if (to === from)
        return { events: [], nextForwardToken: streamToken('f', cursor), nextBackwardToken: opts.token };
    }
  } else if (opts.startFromHead) {
    from = lo;
    to = forwardFrom(lo);
  } else {
    to = hi;
    from = backwardFrom(hi);
  }
  const events: OutputLogEvent[] = [];
  for (let i = from; i < to; i++) {
    const e = log.at(i);
    events.push({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime });
  }
  return {
    events,
    nextForwardToken: streamToken('f', log.cursorAt(to)),
    nextBackwardToken: streamToken('b', log.cursorAt(from)),
  };
}

export interface FilterOptions {
  /** Inclusive. */
  startTime?: number;
  /** Inclusive, as FilterLogEvents documents. */
  endTime?: number;
  notBefore?: number;
  token?: string;
  limit?: number;
  matcher: Matcher;
}

/** Position in the merged order (timestamp, stream name, sequence): the last event returned. */
type MergeKey = [number, string, number];

const isMergeKey = (v: unknown): v is MergeKey =>
  Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'string' && typeof v[2] === 'number';

interface Head {
  stream: LogStreamState;
  index: number;
  end: number;
}

/** Merges the streams' events by (timestamp, stream name), keeping those the matcher accepts. */
export function filterStreams(
  streams: LogStreamState[],
  opts: FilterOptions,
): { events: FilteredLogEvent[]; nextToken?: string } {
  const limit = opts.limit ?? MAX_PAGE_EVENTS;
  const after = opts.token !== undefined ? parseOpaqueToken(opts.token, isMergeKey) : undefined;
  const heap: Head[] = [];
  for (const stream of streams) {
    const log = stream.events;
    let index = log.lowerBound(Math.max(opts.startTime ?? 0, opts.notBefore ?? 0));
    if (after) {
      const [ts, name, seq] = after;
      // Resume strictly after the last event returned, in the same total order.
      const resume =
        stream.name < name
          ? log.upperBound(ts)
          : stream.name === name
            ? log.indexOf({ ts, seq: seq + 1 })
            : log.lowerBound(ts);
      index = Math.max(index, resume);
    }
    const end = opts.endTime !== undefined ? log.upperBound(opts.endTime) : log.length;
    if (index < end) heapPush(heap, { stream, index, end });
  }
  const events: FilteredLogEvent[] = [];
  let bytes = 0;
  let last: MergeKey | undefined;
  while (heap.length > 0) {
    const head = heap[0]!;
    const e = head.stream.events.at(head.index);
    if (opts.matcher(e.message)) {
      const size = eventSize(e.message);
      if (events.length >= limit || (bytes + size > MAX_PAGE_BYTES && events.length > 0)) {
        // Another matching event exists: hand out a token that resumes right before it.
        return { events, nextToken: last ? opaqueToken(last) : undefined };
      }
      bytes += size;
      events.push({
        logStreamName: head.stream.name,
        timestamp: e.timestamp,
        message: e.message,
        ingestionTime: e.ingestionTime,
        eventId: eventId(head.stream.name, e.timestamp, e.seq),
      });
      last = [e.timestamp, head.stream.name, e.seq];
    }
    head.index++;
    if (head.index < head.end) heapSiftDown(heap, 0);
    else {
      const tail = heap.pop()!;
      if (heap.length > 0) {
        heap[0] = tail;
        heapSiftDown(heap, 0);
      }
    }
  }
  return { events };
}

/** A 56-digit id like AWS's, unique per (stream, timestamp, sequence). */
function eventId(stream: string, ts: number, seq: number): string {
  let hash = 2166136261;
  for (let i = 0; i < stream.length; i++) hash = Math.imul(hash ^ stream.charCodeAt(i), 16777619) >>> 0;
  return `${String(ts).padStart(20, '0')}${String(hash).padStart(10, '0')}${String(seq).padStart(26, '0')}`;
}

const less = (a: Head, b: Head): boolean => {
  const ta = a.stream.events.timestampAt(a.index);
  const tb = b.stream.events.timestampAt(b.index);
  return ta < tb || (ta === tb && a.stream.name < b.stream.name);
};

function heapPush(heap: Head[], item: Head): void {
  heap.push(item);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >>> 1;
    if (!less(heap[i]!, heap[parent]!)) break;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

function heapSiftDown(heap: Head[], i: number): void {
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
    if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
    if (m === i) return;
    [heap[i], heap[m]] = [heap[m]!, heap[i]!];
    i = m;
  }
}
