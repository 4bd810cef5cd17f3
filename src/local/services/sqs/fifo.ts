// FIFO queues: strict order within a message group with at most one in-flight batch per group,
// five-minute deduplication (by id or by the body's SHA-256), and sequence numbers.

import { createHash } from 'node:crypto';
import { type DedupEntry, type Msg, Queue, type Selection } from './queue.js';

/** How many head messages can be in flight: one batch, at most 10. */
const MAX_BATCH = 10;

/** A group is locked while any of its messages is in flight (they sit at its head). */
export function groupLocked(list: Msg[], now: number): boolean {
  const end = Math.min(list.length, MAX_BATCH);
  for (let i = 0; i < end; i++) if (Queue.inFlight(list[i], now)) return true;
  return false;
}

/**
 * Picks up to `max` messages in order from the heads of unlocked groups. A head still delayed
 * blocks its group, as does any in-flight message, so order within a group is never broken.
 */
export function selectFifo(
  q: Queue,
  max: number,
  now: number,
  mustMove: (m: Msg) => boolean,
  moveCap: number,
): Selection {
  q.promote(now);
  const take: Msg[] = [];
  const move: Msg[] = [];
  const expired: Msg[] = [];
  for (const list of q.groups.values()) {
    if (take.length >= max || move.length >= moveCap) break;
    if (groupLocked(list, now)) continue;
    for (const m of list) {
      if (take.length >= max || move.length >= moveCap) break;
      if (q.isExpired(m, now)) {
        expired.push(m);
        continue;
      }
      if (m.rec.visibleAt > now) break;
      if (mustMove(m)) move.push(m);
      else take.push(m);
    }
  }
  for (const m of expired) q.remove(m);
  return { take, move };
}

/** Whether a FIFO receive could return a message now. */
export function fifoHasReceivable(q: Queue, now: number): boolean {
  q.promote(now);
  for (const list of q.groups.values()) {
    if (groupLocked(list, now)) continue;
    if (list.length > 0 && list[0].rec.visibleAt <= now) return true;
  }
  return false;
}

/** The key under which a deduplication id counts: per queue, or per group (DeduplicationScope). */
export const dedupKey = (q: Queue, group: string | undefined, id: string): string =>
  q.attrs.DeduplicationScope === 'messageGroup' ? `${group ?? ''}\n${id}` : id;

/** The earlier send a deduplication id still maps to, if within its window. */
export function findDuplicate(q: Queue, key: string, now: number): DedupEntry | undefined {
  const hit = q.dedup.get(key);
  if (!hit) return undefined;
  if (hit.until > now) return hit;
  q.dedup.delete(key);
  return undefined;
}

/** Forgets expired deduplication ids once the table grows (live only). */
export function sweepDedup(q: Queue, now: number): void {
  if (q.dedup.size < 10_000) return;
  for (const [k, v] of q.dedup) if (v.until <= now) q.dedup.delete(k);
}

/** ContentBasedDeduplication: the SHA-256 of the body (attributes are not part of it). */
export const contentDedupId = (body: string): string =>
  createHash('sha256').update(body, 'utf8').digest('hex');

/** The next `n` sequence numbers after the queue's last one (not yet taken). */
export function nextSeqs(q: Queue, n: number): string[] {
  const out: string[] = [];
  for (let i = 1n; i <= BigInt(n); i++) out.push((q.lastSeq + i).toString());
  return out;
}
