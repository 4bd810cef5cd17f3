// Sending: validates a message, applies FIFO rules (group id, deduplication, sequence numbers)
// and builds its journal record. SendMessage, SendMessageBatch and in-process senders share it.

import { randomUUID } from 'node:crypto';
import type {
  MessageAttributeValue,
  MessageSystemAttributeValue,
  SendMessageResult,
} from '@aws-sdk/client-sqs';
import { invalidParameter, invalidValue, missingParameter } from './errors.js';
import { contentDedupId, dedupKey, findDuplicate, sweepDedup } from './fifo.js';
import { md5Hex, md5OfAttributes } from './md5.js';
import type { MessageRecord } from './model.js';
import type { DedupEntry, Queue } from './queue.js';
import type { SqsStore } from './store.js';
import { checkBody, checkDelay, checkFifoId, storeAttributes, storeSystemAttributes } from './validate.js';

/** Deduplication ids block duplicates for five minutes. */
const DEDUP_WINDOW_SECONDS = 300;

export interface SendFields {
  MessageBody?: string;
  DelaySeconds?: number;
  MessageAttributes?: Record<string, MessageAttributeValue>;
  MessageSystemAttributes?: Record<string, MessageSystemAttributeValue>;
  MessageDeduplicationId?: string;
  MessageGroupId?: string;
}

export type SendOutcome = Pick<
  SendMessageResult,
  | 'MessageId'
  | 'MD5OfMessageBody'
  | 'MD5OfMessageAttributes'
  | 'MD5OfMessageSystemAttributes'
  | 'SequenceNumber'
>;

/** One request's worth of sends: sequence numbers and deduplication ids handed out so far. */
export class SendBatch {
  readonly records: MessageRecord[] = [];
  private readonly seen = new Map<string, DedupEntry>();
  private nextSeq: bigint;

  constructor(
    readonly store: SqsStore,
    readonly queue: Queue,
    readonly sender: string,
    readonly now = store.time.now(),
  ) {
    this.nextSeq = queue.lastSeq;
  }

  /** FIFO requirements the batch API reports for the whole request (InvalidParameterValue). */
  static checkFifoFields(q: Queue, fields: SendFields, missingGroup: 'missing' | 'invalid'): void {
    if (!q.fifo) return;
    if (fields.MessageGroupId === undefined) {
      if (missingGroup === 'missing') throw missingParameter('MessageGroupId');
      throw invalidParameter('The request must contain the parameter MessageGroupId.');
    }
    if (fields.MessageDeduplicationId === undefined && q.attrs.ContentBasedDeduplication !== 'true')
      throw invalidParameter(
        'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
      );
  }

  /** Validates one message and queues its record; a FIFO duplicate answers with the original. */
  add(fields: SendFields): SendOutcome {
    const q = this.queue;
    const body = checkBody(fields.MessageBody);
    const { stored, bytes } = storeAttributes(fields.MessageAttributes);
    const sys = storeSystemAttributes(fields.MessageSystemAttributes);
    const max = Number(q.attrs.MaximumMessageSize);
    if (Buffer.byteLength(body) + bytes > max)
      throw invalidParameter(
        `One or more parameters are invalid. Reason: Message must be shorter than ${max} bytes.`,
      );
    checkDelay(fields.DelaySeconds, q.fifo);
    checkFifoId(fields.MessageGroupId, 'MessageGroupId');
    checkFifoId(fields.MessageDeduplicationId, 'MessageDeduplicationId');
    if (!q.fifo && fields.MessageDeduplicationId !== undefined)
      throw invalidValue(
        'MessageDeduplicationId',
        fields.MessageDeduplicationId,
        'The request includes a parameter that is not valid for this queue type.',
      );
    SendBatch.checkFifoFields(q, fields, 'missing');

    const md5 = md5Hex(body);
    const md5Attrs = md5OfAttributes(stored);
    const md5Sys = md5OfAttributes(sys);
    const checksums = {
      MD5OfMessageBody: md5,
      MD5OfMessageAttributes: md5Attrs,
      MD5OfMessageSystemAttributes: md5Sys,
    };

    let dedup: string | undefined;
    let key: string | undefined;
    if (q.fifo) {
      dedup = fields.MessageDeduplicationId ?? contentDedupId(body);
      key = dedupKey(q, fields.MessageGroupId, dedup);
      const earlier = this.seen.get(key) ?? findDuplicate(q, key, this.now);
      // A duplicate is accepted (same MessageId and SequenceNumber) but not enqueued again.
      if (earlier) return { MessageId: earlier.id, ...checksums, SequenceNumber: earlier.seq };
    }

    const time = this.store.time;
    const delay = q.fifo
      ? Number(q.attrs.DelaySeconds)
      : (fields.DelaySeconds ?? Number(q.attrs.DelaySeconds));
    const rec: MessageRecord = {
      id: randomUUID(),
      body,
      md5,
      sent: this.now,
      sender: this.sender,
      visibleAt: delay > 0 ? time.after(delay, this.now) : this.now,
      count: 0,
    };
    if (stored) {
      rec.attrs = stored;
      rec.md5Attrs = md5Attrs;
    }
    if (sys) {
      rec.sys = sys;
      rec.md5Sys = md5Sys;
    }
    if (fields.MessageGroupId !== undefined) rec.group = fields.MessageGroupId;
    if (q.fifo) {
      this.nextSeq += 1n;
      rec.seq = this.nextSeq.toString();
      rec.dedup = dedup;
      rec.dedupUntil = time.after(DEDUP_WINDOW_SECONDS, this.now);
    }
    this.records.push(rec);
    if (key !== undefined) this.seen.set(key, { id: rec.id, seq: rec.seq, until: rec.dedupUntil! });
    return { MessageId: rec.id, ...checksums, SequenceNumber: rec.seq };
  }

  /** Journals the accepted messages; waiting receivers are woken as soon as they are applied. */
  async commit(): Promise<void> {
    if (this.records.length === 0) return;
    const q = this.queue;
    if (q.fifo) sweepDedup(q, this.now);
    const done = this.store.commit('send', { q: q.name, m: this.records });
    if (this.records.some((r) => r.visibleAt <= this.now)) q.waiters.notify();
    else q.waiters.schedule();
    await done;
  }
}
