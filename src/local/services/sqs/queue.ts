// One queue's messages and the indexes over them: visible messages (shuffled picks on standard
// queues, per-group order on FIFO queues in fifo.ts), a deadline heap for delayed and in-flight
// ones, and the counters behind the ApproximateNumberOfMessages* attributes.

import { DeadlineHeap } from './heap.js';
import { Waiters } from './longPoll.js';
import type { MessageRecord, QueueRecord } from './model.js';
import type { SqsTime } from './time.js';

/** A stored message plus where it sits in the queue's indexes. */
export interface Msg {
  rec: MessageRecord;
  where: 'ready' | 'pending' | 'gone';
  /** Index in `ready` (standard queues). */
  slot: number;
  /** Bumped on every index change so older heap entries are recognised as stale. */
  gen: number;
}

export interface DedupEntry {
  id: string;
  seq?: string;
  until: number;
}

export interface Selection {
  take: Msg[];
  /** Messages past maxReceiveCount, to move to the dead-letter queue instead. */
  move: Msg[];
}

export class Queue {
  readonly messages = new Map<string, Msg>();
  /** FIFO: each message group's messages in sequence order. */
  readonly groups = new Map<string, Msg[]>();
  /** FIFO: deduplication ids seen in the last five minutes. */
  readonly dedup = new Map<string, DedupEntry>();
  readonly waiters: Waiters;
  /** FIFO: the last sequence number handed out. */
  lastSeq: bigint;
  purgedAt = 0;
  inflight = 0;
  delayed = 0;
  private readonly ready: Msg[] = [];
  private readonly pending = new DeadlineHeap<Msg>();

  constructor(
    public record: QueueRecord,
    readonly arn: string,
    private readonly time: SqsTime,
  ) {
    // 20-digit, strictly increasing sequence numbers like AWS's.
    this.lastSeq = 10n ** 19n + BigInt(record.created) * 1000n;
    this.waiters = new Waiters(time, () => this.nextDeadline(time.now()));
  }

  get name(): string {
    return this.record.name;
  }

  get fifo(): boolean {
    return this.record.fifo;
  }

  get attrs(): Record<string, string> {
    return this.record.attrs;
  }

  /** Whether retention has run out for a message (counted from its original send time). */
  isExpired(m: Msg, now: number): boolean {
    return now >= m.rec.sent + this.time.span(Number(this.record.attrs.MessageRetentionPeriod));
  }

  /** A message is in flight between a receive and the end of its visibility timeout. */
  static inFlight(m: Msg, now: number): boolean {
    return m.rec.count > 0 && m.rec.visibleAt > now;
  }

  // ---- index maintenance (used by the store's apply, live and on replay) ----

  insert(rec: MessageRecord, now: number): Msg {
    const m: Msg = { rec, where: 'gone', slot: -1, gen: 0 };
    this.messages.set(rec.id, m);
    if (this.fifo) {
      const group = rec.group ?? '';
      const list = this.groups.get(group);
      if (list) list.push(m);
      else this.groups.set(group, [m]);
    }
    this.attach(m, now);
    return m;
  }

  remove(m: Msg): void {
    this.detach(m);
    this.messages.delete(m.rec.id);
    if (this.fifo) {
      const group = m.rec.group ?? '';
      const list = this.groups.get(group);
      if (list) {
        const i = list.indexOf(m);
        if (i >= 0) list.splice(i, 1);
        if (list.length === 0) this.groups.delete(group);
      }
    }
  }

  /** Changes a message's record (receive, visibility change) and re-files it. */
  update(m: Msg, change: (rec: MessageRecord) => void, now: number): void {
    this.detach(m);
    change(m.rec);
    this.attach(m, now);
  }

  clearMessages(): void {
    this.messages.clear();
    this.groups.clear();
    this.ready.length = 0;
    this.pending.clear();
    this.inflight = 0;
    this.delayed = 0;
  }

  private attach(m: Msg, now: number): void {
    m.gen++;
    if (m.rec.visibleAt > now) {
      m.where = 'pending';
      if (m.rec.count > 0) this.inflight++;
      else this.delayed++;
      this.pending.push({ at: m.rec.visibleAt, item: m, gen: m.gen });
      this.compactIfStale();
    } else {
      this.toReady(m);
    }
  }

  private detach(m: Msg): void {
    if (m.where === 'pending') {
      if (m.rec.count > 0) this.inflight--;
      else this.delayed--;
    } else if (m.where === 'ready' && !this.fifo) {
      // Swap-remove: order among visible standard messages carries no meaning.
      const last = this.ready.pop()!;
      if (last !== m) {
        this.ready[m.slot] = last;
        last.slot = m.slot;
      }
    }
    m.where = 'gone';
    m.gen++;
  }

  private toReady(m: Msg): void {
    m.where = 'ready';
    if (!this.fifo) {
      m.slot = this.ready.length;
      this.ready.push(m);
    }
  }

  /** Moves every message whose delay or visibility timeout has ended to the visible set. */
  promote(now: number): void {
    for (let top = this.pending.peek(); top && top.at <= now; top = this.pending.peek()) {
      this.pending.pop();
      const m = top.item;
      if (top.gen !== m.gen || m.where !== 'pending') continue;
      if (m.rec.count > 0) this.inflight--;
      else this.delayed--;
      m.gen++;
      this.toReady(m);
    }
  }

  /** The next instant a message becomes visible (after promoting those already due). */
  nextDeadline(now: number): number | undefined {
    this.promote(now);
    for (let top = this.pending.peek(); top; top = this.pending.peek()) {
      if (top.gen === top.item.gen && top.item.where === 'pending') return top.at;
      this.pending.pop();
    }
    return undefined;
  }

  private compactIfStale(): void {
    // Deleted in-flight messages leave their heap entry behind until it is due; keep that bounded.
    const live = this.inflight + this.delayed;
    if (this.pending.size > 1024 && this.pending.size > 4 * live)
      this.pending.compact((e) => e.gen === e.item.gen && e.item.where === 'pending');
  }

  // ---- reads ----

  /** Drops messages whose retention period has ended (not journaled: replay drops them again). */
  sweepExpired(now: number): void {
    for (const m of this.messages.values()) if (this.isExpired(m, now)) this.remove(m);
  }

  counts(now: number): { visible: number; inflight: number; delayed: number } {
    this.promote(now);
    this.sweepExpired(now);
    return {
      visible: this.messages.size - this.inflight - this.delayed,
      inflight: this.inflight,
      delayed: this.delayed,
    };
  }

  /**
   * Picks up to `max` visible messages of a standard queue in random order (a lazy Fisher–Yates
   * over the visible set): deliberately unordered, so consumers that wrongly rely on order fail
   * here rather than in production.
   */
  selectStandard(max: number, now: number, mustMove: (m: Msg) => boolean, moveCap: number): Selection {
    this.promote(now);
    const take: Msg[] = [];
    const move: Msg[] = [];
    const expired: Msg[] = [];
    const n = this.ready.length;
    const swaps = new Map<number, number>();
    for (let i = 0; i < n && take.length < max && move.length < moveCap; i++) {
      const j = i + Math.floor(Math.random() * (n - i));
      const picked = swaps.get(j) ?? j;
      swaps.set(j, swaps.get(i) ?? i);
      const m = this.ready[picked];
      if (this.isExpired(m, now)) expired.push(m);
      else if (mustMove(m)) move.push(m);
      else take.push(m);
    }
    for (const m of expired) this.remove(m);
    return { take, move };
  }

  /** Whether a receive could return something now (long-poll listeners use it). */
  hasVisible(now: number): boolean {
    this.promote(now);
    return this.messages.size - this.inflight - this.delayed > 0;
  }
}
