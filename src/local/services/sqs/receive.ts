// Receiving: picks messages (shuffled on standard queues, group order on FIFO), moves those past
// maxReceiveCount to the dead-letter queue instead, journals the new receipt handles and
// visibility deadlines, and long-polls — parked until a send wakes it, never busy-polling.

import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import { invalidValue } from './errors.js';
import { fifoHasReceivable, nextSeqs, selectFifo } from './fifo.js';
import { md5OfAttributes } from './md5.js';
import type { StoredAttribute } from './model.js';
import type { Msg, Queue } from './queue.js';
import { redrivePolicyOf } from './redrive.js';
import type { SqsStore } from './store.js';
import { newReceiptHandle } from './visibility.js';

export interface ReceiveOptions {
  max: number;
  /** Visibility timeout in seconds (defaults to the queue's). */
  visibilityTimeout?: number;
  /** Long-poll time in seconds (defaults to ReceiveMessageWaitTimeSeconds). */
  waitSeconds?: number;
  /** System attribute names to return (`All` for all). */
  systemNames?: string[];
  /** Message attribute names or `prefix.*` filters (`All`, `.*` for all). */
  attributeNames?: string[];
  signal?: AbortSignal;
}

/** Moving messages to the DLQ is bounded per call so one receive never stalls on a huge backlog. */
const MOVE_CAP = 100;

/** Checks ReceiveMessage's numeric parameters with AWS's messages. */
export function checkReceiveParams(
  max: number | undefined,
  wait: number | undefined,
  visibility: number | undefined,
): void {
  if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 10))
    throw invalidValue('MaxNumberOfMessages', max, 'Must be between 1 and 10, if provided.');
  if (wait !== undefined && (!Number.isInteger(wait) || wait < 0 || wait > 20))
    throw invalidValue('WaitTimeSeconds', wait, 'Must be >= 0 and <= 20, if provided.');
  if (visibility !== undefined && (!Number.isInteger(visibility) || visibility < 0 || visibility > 43_200))
    throw invalidValue('VisibilityTimeout', visibility, 'Must be >= 0 and <= 43200, if provided.');
}

/** Receives up to `opts.max` messages, waiting up to the long-poll time for the first one. */
export async function receiveMessages(store: SqsStore, q: Queue, opts: ReceiveOptions): Promise<Message[]> {
  const time = store.time;
  const wait = opts.waitSeconds ?? Number(q.attrs.ReceiveMessageWaitTimeSeconds);
  const deadline = time.after(wait);
  for (;;) {
    if (store.stopped || store.queues.get(q.name) !== q) return [];
    const got = await takeOnce(store, q, opts);
    if (got.length > 0 || opts.signal?.aborted || store.stopped || time.now() >= deadline) return got;
    // A send may have landed while this receive awaited its journal writes: look again before
    // parking (nothing can slip in between this check and wait() registering, both synchronous).
    if (hasReceivable(q, time.now())) continue;
    await q.waiters.wait(deadline, opts.signal);
  }
}

/** Whether a receive on the queue would return a message right now. */
export const hasReceivable = (q: Queue, now: number): boolean =>
  q.fifo ? fifoHasReceivable(q, now) : q.hasVisible(now);

async function takeOnce(store: SqsStore, q: Queue, opts: ReceiveOptions): Promise<Message[]> {
  const time = store.time;
  const now = time.now();
  const policy = redrivePolicyOf(q.attrs);
  const dlq = policy ? store.byArn(policy.deadLetterTargetArn) : undefined;
  const mustMove =
    dlq && dlq !== q && policy ? (m: Msg) => m.rec.count >= policy.maxReceiveCount : () => false;
  const { take, move } = q.fifo
    ? selectFifo(q, opts.max, now, mustMove, MOVE_CAP)
    : q.selectStandard(opts.max, now, mustMove, MOVE_CAP);

  const commits: Promise<void>[] = [];
  if (dlq && move.length > 0) {
    commits.push(
      store.commit('redrive', {
        q: q.name,
        to: dlq.name,
        ids: move.map((m) => m.rec.id),
        seqs: dlq.fifo ? nextSeqs(dlq, move.length) : undefined,
        at: now,
        source: q.arn,
      }),
    );
    dlq.waiters.notify();
    // The moved heads may have unblocked their groups for someone else.
    if (q.fifo) q.waiters.notify();
  }
  let out: Message[] = [];
  if (take.length > 0) {
    const visibility = opts.visibilityTimeout ?? Number(q.attrs.VisibilityTimeout);
    const v = time.after(visibility, now);
    commits.push(
      store.commit('receive', {
        q: q.name,
        m: take.map((m) => ({ id: m.rec.id, h: newReceiptHandle(q.name, m.rec.id), v, at: now })),
      }),
    );
    // Formatted now, while the records show exactly this receive.
    out = take.map((m) => formatMessage(m, opts.systemNames, opts.attributeNames));
    q.waiters.schedule();
  }
  await Promise.all(commits);
  return out;
}

/** A stored message as ReceiveMessage returns it, with the requested attributes only. */
export function formatMessage(m: Msg, systemNames?: string[], attributeNames?: string[]): Message {
  const rec = m.rec;
  const out: Message = { MessageId: rec.id, ReceiptHandle: rec.handle, MD5OfBody: rec.md5, Body: rec.body };
  const system = systemAttributes(m, systemNames);
  if (system) out.Attributes = system;
  const picked = pickAttributes(rec.attrs, attributeNames);
  if (picked) {
    out.MessageAttributes = Object.fromEntries(
      Object.entries(picked).map(([k, a]) => [k, toSdkAttribute(a)]),
    );
    // The checksum covers the attributes returned, not all the message has.
    out.MD5OfMessageAttributes = picked === rec.attrs ? rec.md5Attrs : md5OfAttributes(picked);
  }
  return out;
}

function systemAttributes(m: Msg, names: string[] | undefined): Record<string, string> | undefined {
  if (!names || names.length === 0) return undefined;
  const rec = m.rec;
  const all: Record<string, string | undefined> = {
    SenderId: rec.sender,
    SentTimestamp: String(rec.sent),
    ApproximateReceiveCount: String(rec.count),
    ApproximateFirstReceiveTimestamp: String(rec.firstReceive ?? rec.receivedAt ?? rec.sent),
    SequenceNumber: rec.seq,
    MessageDeduplicationId: rec.dedup,
    MessageGroupId: rec.group,
    AWSTraceHeader: rec.sys?.AWSTraceHeader?.StringValue,
    DeadLetterQueueSourceArn: rec.dlqSource,
  };
  const every = names.includes('All');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(all)) if (v !== undefined && (every || names.includes(k))) out[k] = v;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** `All`, `.*` or `*` select every attribute; `prefix.*` those starting with the prefix. */
function pickAttributes(
  attrs: Record<string, StoredAttribute> | undefined,
  names: string[] | undefined,
): Record<string, StoredAttribute> | undefined {
  if (!attrs || !names || names.length === 0) return undefined;
  if (names.some((n) => n === 'All' || n === '.*' || n === '*')) return attrs;
  const prefixes = names.filter((n) => n.endsWith('.*')).map((n) => n.slice(0, -2));
  const out: Record<string, StoredAttribute> = {};
  for (const [k, a] of Object.entries(attrs))
    if (names.includes(k) || prefixes.some((p) => k.startsWith(p))) out[k] = a;
  return Object.keys(out).length > 0 ? out : undefined;
}

const toSdkAttribute = (a: StoredAttribute): MessageAttributeValue => {
  const v: MessageAttributeValue = { DataType: a.DataType };
  if (a.StringValue !== undefined) v.StringValue = a.StringValue;
  if (a.BinaryValue !== undefined) v.BinaryValue = new Uint8Array(Buffer.from(a.BinaryValue, 'base64'));
  if (a.StringListValues) v.StringListValues = a.StringListValues;
  if (a.BinaryListValues)
    v.BinaryListValues = a.BinaryListValues.map((b) => new Uint8Array(Buffer.from(b, 'base64')));
  return v;
};
