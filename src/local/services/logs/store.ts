// CloudWatch Logs' durable state: log groups (retention, tags) and their streams. Every mutation is
// a journal record applied here, live and on replay; memory stays bounded by per-stream and
// service-wide caps that evict the oldest events first, deterministically, so replay agrees.

import type { Durable } from '../../persistence/journal.js';
import { EventLog, type EventLogSnapshot } from './eventLog.js';

export interface LogStreamState {
  name: string;
  creationTime: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  /** Counts accepted PutLogEvents batches: the (no longer required) sequence token. */
  uploads: number;
  events: EventLog;
}

export interface LogGroupState {
  name: string;
  creationTime: number;
  retentionInDays?: number;
  kmsKeyId?: string;
  logGroupClass: string;
  tags: Record<string, string>;
  streams: Map<string, LogStreamState>;
}

export interface LogsLimits {
  /** Events kept per stream; beyond it the oldest go. */
  streamEvents: number;
  /** Bytes (UTF-8 message + 26) kept per stream. */
  streamBytes: number;
  /** Bytes kept across every stream; beyond it the streams holding the oldest events give way. */
  totalBytes: number;
}

export const DEFAULT_LIMITS: LogsLimits = {
  streamEvents: 50_000,
  streamBytes: 16 * 1024 * 1024,
  totalBytes: 128 * 1024 * 1024,
};

const DAY_MS = 86_400_000;

/** The records CloudWatch Logs journals; timestamps are epoch milliseconds. */
export type LogsRecord =
  | {
      t: 'createGroup';
      d: {
        name: string;
        at: number;
        retentionInDays?: number;
        kmsKeyId?: string;
        logGroupClass?: string;
        tags?: Record<string, string>;
      };
    }
  | { t: 'deleteGroup'; d: { name: string } }
  | { t: 'putRetention'; d: { name: string; days: number } }
  | { t: 'deleteRetention'; d: { name: string } }
  | { t: 'createStream'; d: { group: string; name: string; at: number } }
  | { t: 'deleteStream'; d: { group: string; name: string } }
  | { t: 'tag'; d: { name: string; tags: Record<string, string> } }
  | { t: 'untag'; d: { name: string; keys: string[] } }
  /** `create`: make the group/stream if missing (Lambda's and EventBridge's deliveries). */
  | {
      t: 'append';
      d: { group: string; stream: string; at: number; events: [number, string][]; create?: boolean };
    };

interface Snapshot {
  groups: (Omit<LogGroupState, 'streams'> & {
    streams: (Omit<LogStreamState, 'events'> & { events: EventLogSnapshot })[];
  })[];
}

export class LogsState implements Durable {
  readonly name = 'logs';
  readonly groups = new Map<string, LogGroupState>();
  private totalBytes = 0;

  constructor(readonly limits: LogsLimits = DEFAULT_LIMITS) {}

  get storedBytes(): number {
    return this.totalBytes;
  }

  apply(type: string, data: unknown): void {
    const record = { t: type, d: data } as LogsRecord;
    switch (record.t) {
      case 'createGroup':
        this.createGroup(record.d.name, record.d.at, record.d);
        return;
      case 'deleteGroup': {
        const group = this.groups.get(record.d.name);
        if (!group) return;
        for (const stream of group.streams.values()) this.totalBytes -= stream.events.bytes;
        this.groups.delete(record.d.name);
        return;
      }
      case 'putRetention': {
        const group = this.groups.get(record.d.name);
        if (group) group.retentionInDays = record.d.days;
        return;
      }
      case 'deleteRetention': {
        const group = this.groups.get(record.d.name);
        if (group) delete group.retentionInDays;
        return;
      }
      case 'createStream': {
        const group = this.groups.get(record.d.group);
        if (group) this.createStream(group, record.d.name, record.d.at);
        return;
      }
      case 'deleteStream': {
        const group = this.groups.get(record.d.group);
        const stream = group?.streams.get(record.d.name);
        if (!group || !stream) return;
        this.totalBytes -= stream.events.bytes;
        group.streams.delete(record.d.name);
        return;
      }
      case 'tag': {
        const group = this.groups.get(record.d.name);
        if (group) Object.assign(group.tags, record.d.tags);
        return;
      }
      case 'untag': {
        const group = this.groups.get(record.d.name);
        if (group) for (const key of record.d.keys) delete group.tags[key];
        return;
      }
      case 'append':
        this.append(record.d);
        return;
    }
  }

  private createGroup(
    name: string,
    at: number,
    opts: {
      retentionInDays?: number;
      kmsKeyId?: string;
      logGroupClass?: string;
      tags?: Record<string, string>;
    } = {},
  ): LogGroupState {
    const group: LogGroupState = {
      name,
      creationTime: at,
      retentionInDays: opts.retentionInDays,
      kmsKeyId: opts.kmsKeyId,
      logGroupClass: opts.logGroupClass ?? 'STANDARD',
      tags: { ...opts.tags },
      streams: new Map(),
    };
    this.groups.set(name, group);
    return group;
  }

  private createStream(group: LogGroupState, name: string, at: number): LogStreamState {
    const stream: LogStreamState = { name, creationTime: at, uploads: 0, events: new EventLog() };
    group.streams.set(name, stream);
    return stream;
  }

  private append(d: Extract<LogsRecord, { t: 'append' }>['d']): void {
    let group = this.groups.get(d.group);
    if (!group) {
      if (!d.create) return;
      group = this.createGroup(d.group, d.at);
    }
    let stream = group.streams.get(d.stream);
    if (!stream) {
      if (!d.create) return;
      stream = this.createStream(group, d.stream, d.at);
    }
    const log = stream.events;
    const before = log.bytes;
    log.append(
      d.events.map(([timestamp, message]) => ({ timestamp, message })),
      d.at,
    );
    stream.uploads++;
    stream.lastIngestionTime = d.at;
    for (const [ts] of d.events) {
      if (stream.firstEventTimestamp === undefined || ts < stream.firstEventTimestamp)
        stream.firstEventTimestamp = ts;
      if (stream.lastEventTimestamp === undefined || ts > stream.lastEventTimestamp)
        stream.lastEventTimestamp = ts;
    }
    // Retention is enforced against the record's own ingestion time, so replay drops the same events.
    if (group.retentionInDays !== undefined) log.dropBefore(d.at - group.retentionInDays * DAY_MS);
    if (log.length > this.limits.streamEvents) log.dropFirst(log.length - this.limits.streamEvents);
    while (log.bytes > this.limits.streamBytes && log.length > 1)
      log.dropFirst(Math.max(1, log.length >>> 4));
    this.totalBytes += log.bytes - before;
    if (this.totalBytes > this.limits.totalBytes) this.evictOldest();
  }

  /** Frees about a tenth of the budget, taking from whichever stream holds the oldest event. */
  private evictOldest(): void {
    const target = Math.floor(this.limits.totalBytes * 0.9);
    while (this.totalBytes > target) {
      let oldest: EventLog | undefined;
      for (const group of this.groups.values()) {
        for (const stream of group.streams.values()) {
          const log = stream.events;
          if (log.length > 0 && (!oldest || log.timestampAt(0) < oldest.timestampAt(0))) oldest = log;
        }
      }
      if (!oldest) return;
      this.totalBytes -= oldest.dropFirst(Math.max(1, oldest.length >>> 3));
    }
  }

  snapshot(): Snapshot {
    return {
      groups: [...this.groups.values()].map((g) => ({
        ...g,
        streams: [...g.streams.values()].map((s) => ({ ...s, events: s.events.snapshot() })),
      })),
    };
  }

  restore(snapshot: unknown): void {
    this.groups.clear();
    this.totalBytes = 0;
    for (const g of (snapshot as Snapshot).groups ?? []) {
      const streams = new Map<string, LogStreamState>();
      for (const s of g.streams) {
        const events = EventLog.restore(s.events);
        this.totalBytes += events.bytes;
        streams.set(s.name, { ...s, events });
      }
      this.groups.set(g.name, { ...g, streams });
    }
  }
}
