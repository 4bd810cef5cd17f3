// Receipt handles and visibility: a new opaque handle per receive, and AWS's rules for using
// old ones. Standard queues accept any handle the message was ever received with (AWS deletes
// with a stale handle in practice); FIFO queues only accept the current one while in flight.

import { randomBytes } from 'node:crypto';
import { invalidValue, messageNotInflight, missingParameter, receiptHandleIsInvalid } from './errors.js';
import { type Msg, Queue } from './queue.js';
import type { SqsStore } from './store.js';
import type { SqsTime } from './time.js';

export const newReceiptHandle = (queue: string, messageId: string): string =>
  Buffer.from(`${queue}\n${messageId}\n${randomBytes(12).toString('base64')}`, 'utf8').toString('base64');

/** The message id a handle names, after checking it is well-formed and for this queue. */
export function handleMessageId(q: Queue, handle: string | undefined): string {
  if (handle === undefined) throw missingParameter('ReceiptHandle');
  if (handle === '') throw receiptHandleIsInvalid(handle);
  const decoded = Buffer.from(handle, 'base64');
  // Round-tripping rejects text that is not base64 at all.
  if (decoded.toString('base64') !== handle) throw receiptHandleIsInvalid(handle);
  const parts = decoded.toString('utf8').split('\n');
  if (parts.length !== 3 || parts[0] !== q.name || !parts[1]) throw receiptHandleIsInvalid(handle);
  return parts[1];
}

/**
 * The message DeleteMessage removes for a handle; undefined when it is already gone (a no-op
 * success, as on AWS). FIFO refuses a handle whose visibility timeout has ended.
 */
export function messageToDelete(q: Queue, handle: string | undefined, now: number): Msg | undefined {
  const id = handleMessageId(q, handle);
  const m = q.messages.get(id);
  if (!m) return undefined;
  if (q.fifo && (m.rec.handle !== handle || !Queue.inFlight(m, now)))
    throw invalidValue('ReceiptHandle', handle, 'The receipt handle has expired.');
  return m;
}

/**
 * The new visibility deadline ChangeMessageVisibility sets, or undefined for AWS's silent no-op
 * (a standard-queue handle whose visibility timeout already ended). The total may not pass 12
 * hours from the receive.
 */
export function visibilityChange(
  q: Queue,
  handle: string | undefined,
  timeout: number | undefined,
  time: SqsTime,
): { m: Msg; v: number } | undefined {
  checkVisibilityTimeout(timeout);
  const id = handleMessageId(q, handle);
  const m = q.messages.get(id);
  const now = time.now();
  if (!m)
    throw invalidValue(
      'ReceiptHandle',
      handle,
      'Message does not exist or is not available for visibility timeout change.',
    );
  if (m.rec.handle !== handle || !Queue.inFlight(m, now)) {
    if (q.fifo) throw messageNotInflight();
    return undefined;
  }
  const v = time.after(timeout!, now);
  if (v > time.after(43_200, m.rec.receivedAt ?? now))
    throw invalidValue(
      'VisibilityTimeout',
      timeout,
      'Total VisibilityTimeout for the message is beyond the limit [43200 seconds]',
    );
  return { m, v };
}

export function checkVisibilityTimeout(timeout: number | undefined): void {
  if (timeout === undefined) throw missingParameter('VisibilityTimeout');
  if (!Number.isInteger(timeout) || timeout < 0 || timeout > 43_200)
    throw invalidValue('VisibilityTimeout', timeout, 'Must be between 0 and 43200, if provided.');
}

/** Journals deletions; on FIFO queues a delete may unlock the message's group for waiters. */
export async function commitDeletes(store: SqsStore, q: Queue, msgs: Msg[]): Promise<void> {
  if (msgs.length === 0) return;
  const done = store.commit('delete', { q: q.name, ids: [...new Set(msgs.map((m) => m.rec.id))] });
  if (q.fifo) q.waiters.notify();
  await done;
}

/** Journals visibility changes; a message made visible now wakes waiting receivers. */
export async function commitVisibility(
  store: SqsStore,
  q: Queue,
  changes: { m: Msg; v: number }[],
): Promise<void> {
  if (changes.length === 0) return;
  const now = store.time.now();
  const done = store.commit('visibility', { q: q.name, m: changes.map((c) => ({ id: c.m.rec.id, v: c.v })) });
  if (changes.some((c) => c.v <= now)) q.waiters.notify();
  else q.waiters.schedule();
  await done;
}
