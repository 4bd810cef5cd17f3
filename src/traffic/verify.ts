// Checks that each sent event reached S3 as `events/<id>.json` — and PostgreSQL's `events` table
// as a row whose payload is the same — with exactly what was sent plus its id (or, when the body
// is unknown, at least its id), polling the ones still missing until a deadline.

import { isDeepStrictEqual } from 'node:util';
import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import type pg from 'pg';

/** An event to look for; without a body (an id typed by hand) only the stored `id` is compared. */
export interface ExpectedEvent {
  id: string;
  body?: Record<string, unknown>;
}

export type VerifyState = 'found' | 'missing' | 'different';

export interface VerifyEntry {
  id: string;
  state: VerifyState;
  /** What S3 holds when it differs from what was sent. */
  actual?: unknown;
}

export interface VerifyOptions {
  s3: S3Client;
  bucket: string;
  records: ExpectedEvent[];
  timeoutMs: number;
  concurrency?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** What was sent plus its id; or, for an id typed by hand, just that id. */
function compare(record: ExpectedEvent, actual: unknown): VerifyEntry {
  const matches =
    record.body === undefined
      ? (actual as { id?: unknown } | null)?.id === record.id
      : isDeepStrictEqual(actual, { ...record.body, id: record.id });
  return matches ? { id: record.id, state: 'found' } : { id: record.id, state: 'different', actual };
}

async function check(s3: S3Client, bucket: string, record: ExpectedEvent): Promise<VerifyEntry> {
  try {
    const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `events/${record.id}.json` }));
    return compare(record, parseJson(await res.Body!.transformToString()));
  } catch (e) {
    if (e instanceof NoSuchKey) return { id: record.id, state: 'missing' };
    throw e;
  }
}

/** An object that is not JSON is simply different from what was sent, not a crash. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function verifyEvents(options: VerifyOptions): Promise<VerifyEntry[]> {
  return poll(options, async (pending) => {
    const results: VerifyEntry[] = [];
    const queue = [...pending];
    const worker = async () => {
      for (let r = queue.shift(); r; r = queue.shift())
        results.push(await check(options.s3, options.bucket, r));
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 16, queue.length) }, worker));
    return results;
  });
}

export interface DatabaseVerifyOptions extends Omit<VerifyOptions, 's3' | 'bucket' | 'concurrency'> {
  client: pg.ClientBase;
}

/** The rows per round: one query for every id still missing (ids that are not uuids never match). */
const SELECT_EVENTS = 'SELECT id::text AS id, payload FROM events WHERE id::text = ANY($1::text[])';

/** Each event is a row of `events` whose `payload` jsonb equals what was sent plus its id. */
export function verifyDatabaseEvents(options: DatabaseVerifyOptions): Promise<VerifyEntry[]> {
  return poll(options, async (pending) => {
    const ids = pending.map((r) => r.id.toLowerCase());
    const { rows } = await options.client.query<{ id: string; payload: unknown }>(SELECT_EVENTS, [ids]);
    const byId = new Map(rows.map((row) => [row.id, row.payload]));
    return pending.map((r) =>
      byId.has(r.id.toLowerCase())
        ? compare(r, byId.get(r.id.toLowerCase()))
        : { id: r.id, state: 'missing' as const },
    );
  });
}

/** Checks every record, then again the missing ones with backoff until none is or the deadline. */
async function poll(
  options: Pick<VerifyOptions, 'records' | 'timeoutMs' | 'sleep' | 'now'>,
  checkAll: (pending: ExpectedEvent[]) => Promise<VerifyEntry[]>,
): Promise<VerifyEntry[]> {
  const sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  const results = new Map<string, VerifyEntry>();
  let pending = options.records;
  for (let round = 0; ; round++) {
    for (const entry of await checkAll(pending)) results.set(entry.id, entry);
    // Only absent events can still arrive; a different one is final.
    pending = pending.filter((r) => results.get(r.id)?.state === 'missing');
    if (pending.length === 0 || now() >= deadline) break;
    await sleep(Math.min(200 * 2 ** Math.min(round, 3), Math.max(0, deadline - now())));
  }
  return options.records.map((r) => results.get(r.id)!);
}
