// One log stream's events, stored column-wise (timestamps, ingestion times, sequence numbers,
// messages in parallel arrays) and kept sorted by (timestamp, sequence) so time ranges and
// pagination cursors are binary searches. Lambda appends on every invocation, so this is hot.

export interface StoredEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
  seq: number;
}

export interface EventLogSnapshot {
  ts: number[];
  ing: number[];
  seq: number[];
  msg: string[];
  nextSeq: number;
}

/** CloudWatch counts 26 bytes of overhead per event on top of the UTF-8 message. */
export const EVENT_OVERHEAD = 26;
export const eventSize = (message: string): number => Buffer.byteLength(message, 'utf8') + EVENT_OVERHEAD;

/** A position between events: everything with (timestamp, seq) >= this key lies after it. */
export interface Cursor {
  ts: number;
  seq: number;
}

export class EventLog {
  private ts: number[] = [];
  private ing: number[] = [];
  private seq: number[] = [];
  private msg: string[] = [];
  private nextSeq = 0;
  bytes = 0;

  get length(): number {
    return this.ts.length;
  }

  at(i: number): StoredEvent {
    return { timestamp: this.ts[i]!, message: this.msg[i]!, ingestionTime: this.ing[i]!, seq: this.seq[i]! };
  }

  timestampAt(i: number): number {
    return this.ts[i]!;
  }

  messageAt(i: number): string {
    return this.msg[i]!;
  }

  /** Appends events already sorted by timestamp; events older than the tail are inserted in place. */
  append(events: { timestamp: number; message: string }[], ingestionTime: number): void {
    for (const e of events) {
      const n = this.ts.length;
      const s = this.nextSeq++;
      this.bytes += eventSize(e.message);
      if (n === 0 || this.ts[n - 1]! <= e.timestamp) {
        this.ts.push(e.timestamp);
        this.ing.push(ingestionTime);
        this.seq.push(s);
        this.msg.push(e.message);
        continue;
      }
      // A late event (an earlier batch arrived after a later one): after every event of its timestamp.
      const i = this.upperBound(e.timestamp);
      this.ts.splice(i, 0, e.timestamp);
      this.ing.splice(i, 0, ingestionTime);
      this.seq.splice(i, 0, s);
      this.msg.splice(i, 0, e.message);
    }
  }

  /** Drops the `count` oldest events; returns the bytes freed. */
  dropFirst(count: number): number {
    const n = Math.min(count, this.ts.length);
    if (n <= 0) return 0;
    let freed = 0;
    for (let i = 0; i < n; i++) freed += eventSize(this.msg[i]!);
    this.ts.splice(0, n);
    this.ing.splice(0, n);
    this.seq.splice(0, n);
    this.msg.splice(0, n);
    this.bytes -= freed;
    return freed;
  }

  /** Drops every event with a timestamp before `ts` (retention); returns the bytes freed. */
  dropBefore(ts: number): number {
    return this.dropFirst(this.lowerBound(ts));
  }

  /** First index whose timestamp is >= ts. */
  lowerBound(ts: number): number {
    let lo = 0;
    let hi = this.ts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ts[mid]! < ts) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index whose timestamp is > ts. */
  upperBound(ts: number): number {
    let lo = 0;
    let hi = this.ts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ts[mid]! <= ts) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index whose (timestamp, seq) is >= the cursor. */
  indexOf(cursor: Cursor): number {
    let lo = 0;
    let hi = this.ts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.ts[mid]!;
      if (t < cursor.ts || (t === cursor.ts && this.seq[mid]! < cursor.seq)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The cursor just before event `i` (or just after the last event when i is the length). */
  cursorAt(i: number): Cursor {
    if (i < this.ts.length) return { ts: this.ts[i]!, seq: this.seq[i]! };
    const last = this.ts.length - 1;
    return last < 0 ? { ts: 0, seq: 0 } : { ts: this.ts[last]!, seq: this.seq[last]! + 1 };
  }

  snapshot(): EventLogSnapshot {
    return { ts: this.ts, ing: this.ing, seq: this.seq, msg: this.msg, nextSeq: this.nextSeq };
  }

  static restore(snap: EventLogSnapshot): EventLog {
    const log = new EventLog();
    log.ts = snap.ts;
    log.ing = snap.ing;
    log.seq = snap.seq;
    log.msg = snap.msg;
    log.nextSeq = snap.nextSeq;
    log.bytes = snap.msg.reduce((sum, m) => sum + eventSize(m), 0);
    return log;
  }
}
