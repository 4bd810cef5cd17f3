// SQS's durable state: every queue and message change is one journal record, applied the same
// way live and on replay, so after kill -9 acknowledged messages are back and in-flight ones
// turn visible when their (absolute, stored) visibility deadline passes.

import type { Durable, Persistence } from '../../persistence/journal.js';
import { queueDoesNotExist } from './errors.js';
import { dedupKey } from './fifo.js';
import type { MessageRecord, QueueRecord, SqsRecords, SqsRecordType } from './model.js';
import { parseQueueUrl, queueArn } from './names.js';
import { type DedupEntry, Queue } from './queue.js';
import type { SqsTime } from './time.js';

interface QueueSnapshot {
  record: QueueRecord;
  messages: MessageRecord[];
  dedup: [string, DedupEntry][];
  lastSeq: string;
  purgedAt: number;
}

export class SqsStore implements Durable {
  readonly name = 'sqs';
  readonly queues = new Map<string, Queue>();
  /** Set when the cloud stops: parked receivers return at once. */
  stopped = false;

  constructor(
    readonly time: SqsTime,
    readonly region: string,
    readonly accountId: string,
    private readonly persistence: Persistence,
  ) {}

  arnOf(name: string): string {
    return queueArn(this.region, this.accountId, name);
  }

  /** The queue an ARN names in this cloud, if it exists. */
  byArn(arn: string): Queue | undefined {
    const parts = arn.split(':');
    if (parts.length !== 6 || parts[2] !== 'sqs' || parts[4] !== this.accountId) return undefined;
    const q = this.queues.get(parts[5]);
    return q && q.arn === arn ? q : undefined;
  }

  stop(): void {
    this.stopped = true;
    for (const q of this.queues.values()) q.waiters.notify();
  }

  /** The queue a QueueUrl names: MissingParameter, InvalidAddress or QueueDoesNotExist otherwise. */
  fromUrl(url: string | undefined): Queue {
    const loc = parseQueueUrl(url);
    const q = loc.account === this.accountId ? this.queues.get(loc.name) : undefined;
    if (!q) throw queueDoesNotExist();
    return q;
  }

  /** In-process callers name a queue by ARN or URL. */
  fromRef(ref: string): Queue {
    if (ref.startsWith('arn:')) {
      const q = this.byArn(ref);
      if (!q) throw queueDoesNotExist();
      return q;
    }
    return this.fromUrl(ref);
  }

  /** Journals a mutation (applying it now) and resolves once it is durable. */
  commit<T extends SqsRecordType>(type: T, data: SqsRecords[T]): Promise<void> {
    return this.persistence.commit(this.name, type, data);
  }

  apply(type: string, data: unknown): void {
    const now = this.time.now();
    switch (type as SqsRecordType) {
      case 'createQueue': {
        const rec = data as SqsRecords['createQueue'];
        this.queues.set(rec.name, new Queue(rec, this.arnOf(rec.name), this.time));
        return;
      }
      case 'deleteQueue': {
        const { q } = data as SqsRecords['deleteQueue'];
        const queue = this.queues.get(q);
        this.queues.delete(q);
        // Parked receivers notice the queue is gone and return empty.
        queue?.waiters.notify();
        return;
      }
      case 'setAttributes': {
        const d = data as SqsRecords['setAttributes'];
        const queue = this.queues.get(d.q);
        if (queue) queue.record = { ...queue.record, attrs: d.attrs, modified: d.modified };
        return;
      }
      case 'tagQueue': {
        const d = data as SqsRecords['tagQueue'];
        const queue = this.queues.get(d.q);
        if (queue) queue.record.tags = { ...queue.record.tags, ...d.tags };
        return;
      }
      case 'untagQueue': {
        const d = data as SqsRecords['untagQueue'];
        const queue = this.queues.get(d.q);
        if (queue) for (const k of d.keys) delete queue.record.tags[k];
        return;
      }
      case 'send': {
        const d = data as SqsRecords['send'];
        const queue = this.queues.get(d.q);
        if (queue) for (const rec of d.m) this.insertSent(queue, rec, now);
        return;
      }
      case 'receive': {
        const d = data as SqsRecords['receive'];
        const queue = this.queues.get(d.q);
        if (!queue) return;
        for (const item of d.m) {
          const m = queue.messages.get(item.id);
          if (!m) continue;
          queue.update(
            m,
            (rec) => {
              rec.count++;
              rec.handle = item.h;
              rec.visibleAt = item.v;
              rec.receivedAt = item.at;
              rec.firstReceive ??= item.at;
            },
            now,
          );
        }
        return;
      }
      case 'delete': {
        const d = data as SqsRecords['delete'];
        const queue = this.queues.get(d.q);
        if (!queue) return;
        for (const id of d.ids) {
          const m = queue.messages.get(id);
          if (m) queue.remove(m);
        }
        return;
      }
      case 'visibility': {
        const d = data as SqsRecords['visibility'];
        const queue = this.queues.get(d.q);
        if (!queue) return;
        for (const c of d.m) {
          const m = queue.messages.get(c.id);
          if (m)
            queue.update(
              m,
              (rec) => {
                rec.visibleAt = c.v;
              },
              now,
            );
        }
        return;
      }
      case 'redrive': {
        const d = data as SqsRecords['redrive'];
        const from = this.queues.get(d.q);
        const to = this.queues.get(d.to);
        if (!from) return;
        d.ids.forEach((id, i) => {
          const m = from.messages.get(id);
          if (!m) return;
          from.remove(m);
          if (!to) return;
          const rec = m.rec;
          rec.visibleAt = d.at;
          rec.dlqSource = d.source;
          rec.handle = undefined;
          rec.receivedAt = undefined;
          // The deduplication window belongs to the source queue's ingestion, not the DLQ's.
          rec.dedupUntil = undefined;
          if (d.seqs) rec.seq = d.seqs[i];
          this.insertSent(to, rec, now);
        });
        return;
      }
      case 'purge': {
        const d = data as SqsRecords['purge'];
        const queue = this.queues.get(d.q);
        if (!queue) return;
        queue.clearMessages();
        queue.purgedAt = d.at;
        return;
      }
    }
  }

  private insertSent(queue: Queue, rec: MessageRecord, now: number): void {
    queue.insert(rec, now);
    if (rec.seq !== undefined) {
      const seq = BigInt(rec.seq);
      if (seq > queue.lastSeq) queue.lastSeq = seq;
    }
    if (rec.dedup !== undefined && rec.dedupUntil !== undefined) {
      queue.dedup.set(dedupKey(queue, rec.group, rec.dedup), {
        id: rec.id,
        seq: rec.seq,
        until: rec.dedupUntil,
      });
    }
  }

  snapshot(): unknown {
    const queues: QueueSnapshot[] = [...this.queues.values()].map((q) => ({
      record: q.record,
      messages: [...q.messages.values()].map((m) => m.rec),
      dedup: [...q.dedup],
      lastSeq: q.lastSeq.toString(),
      purgedAt: q.purgedAt,
    }));
    return { queues };
  }

  restore(snapshot: unknown): void {
    this.queues.clear();
    const now = this.time.now();
    for (const s of (snapshot as { queues?: QueueSnapshot[] }).queues ?? []) {
      const q = new Queue(s.record, this.arnOf(s.record.name), this.time);
      for (const rec of s.messages) q.insert(rec, now);
      for (const [k, v] of s.dedup) q.dedup.set(k, v);
      q.lastSeq = BigInt(s.lastSeq);
      q.purgedAt = s.purgedAt;
      this.queues.set(q.name, q);
    }
  }
}
