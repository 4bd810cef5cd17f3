// Pagination tokens. GetLogEvents' `f/…` and `b/…` tokens look like AWS's (56 digits) and encode a
// cursor between events, so polling with nextForwardToken picks up events appended later (what
// `--follow` does) and an exhausted direction hands back the token it was given, which is how the
// SDK paginator knows to stop. Other APIs use opaque tokens naming the last item returned.

import type { Cursor } from './eventLog.js';
import { invalidParameter } from './validate.js';

export type Direction = 'f' | 'b';

const STREAM_TOKEN = /^([fb])\/(\d{20})(\d{36})$/;

export const streamToken = (direction: Direction, cursor: Cursor): string =>
  `${direction}/${String(cursor.ts).padStart(20, '0')}${String(cursor.seq).padStart(36, '0')}`;

export function parseStreamToken(token: string): { direction: Direction; cursor: Cursor } {
  const m = STREAM_TOKEN.exec(token);
  if (!m) throw invalidParameter('The specified nextToken is invalid.');
  return { direction: m[1] as Direction, cursor: { ts: Number(m[2]), seq: Number(m[3]) } };
}

/** An opaque token carrying a JSON value (the sort key of the last item returned). */
export const opaqueToken = (value: unknown): string =>
  Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

export function parseOpaqueToken<T>(token: string, check: (v: unknown) => v is T): T {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (check(value)) return value;
  } catch {
    // fall through to AWS's error
  }
  throw invalidParameter('The specified nextToken is invalid.');
}

type Key = (string | number)[];

const isKey = (v: unknown): v is Key =>
  Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number');

export function compareKeys(a: Key, b: Key): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * One page of `items` in the order of `key` (reversed when descending), starting after the item a
 * previous page's token named: removals between pages neither skip nor repeat items.
 */
export function pageByKey<T>(
  items: T[],
  key: (item: T) => Key,
  opts: { token?: string; limit: number; descending?: boolean },
): { page: T[]; nextToken?: string } {
  const sign = opts.descending ? -1 : 1;
  const sorted = items
    .map((item) => ({ item, key: key(item) }))
    .sort((a, b) => sign * compareKeys(a.key, b.key));
  let start = 0;
  if (opts.token !== undefined) {
    const after = parseOpaqueToken(opts.token, isKey);
    start = sorted.findIndex((x) => sign * compareKeys(x.key, after) > 0);
    if (start < 0) start = sorted.length;
  }
  const page = sorted.slice(start, start + opts.limit);
  const more = start + opts.limit < sorted.length;
  return {
    page: page.map((x) => x.item),
    nextToken: more ? opaqueToken(page[page.length - 1]!.key) : undefined,
  };
}
