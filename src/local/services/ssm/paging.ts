// Opaque NextTokens that name the last item returned, so a parameter created or deleted between
// pages neither repeats nor skips the others.

import { AwsServiceError } from '../../errors.js';

type Key = string | number;

const invalidToken = (): AwsServiceError =>
  new AwsServiceError('InvalidNextToken', 'The specified token is not valid.', 400);

/** One page of `items` (already in key order) after the item the token names. */
export function pageOf<T>(
  items: T[],
  key: (item: T) => Key,
  token: string | undefined,
  limit: number,
): { page: T[]; nextToken?: string } {
  let start = 0;
  if (token !== undefined) {
    const after = parseToken(token);
    start = items.findIndex((item) => compareKeys(key(item), after) > 0);
    if (start < 0) start = items.length;
  }
  const page = items.slice(start, start + limit);
  const more = start + limit < items.length;
  return {
    page,
    nextToken: more
      ? Buffer.from(JSON.stringify({ k: key(page[page.length - 1]) })).toString('base64url')
      : undefined,
  };
}

function parseToken(token: string): Key {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    const k = (value as { k?: unknown } | null)?.k;
    if (typeof k === 'string' || typeof k === 'number') return k;
  } catch {
    // fall through to AWS's error
  }
  throw invalidToken();
}

export const compareKeys = (a: Key, b: Key): number => {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
};
