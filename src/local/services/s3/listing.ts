// Object listing shared by ListObjects (v1) and ListObjectsV2: prefix, delimiter roll-up into
// CommonPrefixes, markers and continuation tokens, max-keys, and encoding-type=url.

import type { _Object, CommonPrefix } from '@aws-sdk/client-s3';
import { invalidArgument } from './errors.js';
import { compareKeys, lowerBound, upperBound } from './keyOrder.js';
import type { Bucket, ObjectRecord } from './state.js';

export interface ListRequest {
  prefix: string;
  delimiter?: string;
  /** List strictly after this key (or common prefix). */
  after?: string;
  maxKeys: number;
}

export interface ListPage {
  objects: ObjectRecord[];
  prefixes: string[];
  truncated: boolean;
  /** The last key or common prefix returned: where the next page starts. */
  last?: string;
}

/** max-keys: S3 caps it at 1000 and rejects negative or non-integer values. */
export function maxKeysOf(value: number | undefined): number {
  if (value === undefined) return 1000;
  if (!Number.isInteger(value) || value < 0 || value > 2147483647) {
    throw invalidArgument(
      'Argument maxKeys must be an integer between 0 and 2147483647',
      'maxKeys',
      String(value),
    );
  }
  return Math.min(value, 1000);
}

export function encodingTypeOf(value: string | undefined): 'url' | undefined {
  if (value === undefined) return undefined;
  if (value !== 'url') {
    throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', value);
  }
  return 'url';
}

export function listKeys(bucket: Bucket, req: ListRequest): ListPage {
  const keys = bucket.sortedKeys();
  const page: ListPage = { objects: [], prefixes: [], truncated: false };
  if (req.maxKeys === 0) return page;
  let i = lowerBound(keys, req.prefix);
  if (req.after !== undefined && compareKeys(req.after, req.prefix) >= 0) i = upperBound(keys, req.after);
  let count = 0;
  while (i < keys.length) {
    const key = keys[i];
    // Keys sharing the prefix are contiguous in sorted order: the first one that does not ends the range.
    if (!key.startsWith(req.prefix)) break;
    let entry = key;
    let commonPrefix = false;
    if (req.delimiter) {
      const at = key.indexOf(req.delimiter, req.prefix.length);
      if (at >= 0) {
        entry = key.slice(0, at + req.delimiter.length);
        commonPrefix = true;
      }
    }
    // A page that ended on a common prefix resumes after every key rolled up into it.
    if (commonPrefix && req.after !== undefined && compareKeys(entry, req.after) <= 0) {
      i++;
      continue;
    }
    if (count === req.maxKeys) {
      page.truncated = true;
      break;
    }
    count++;
    page.last = entry;
    if (commonPrefix) {
      page.prefixes.push(entry);
      // Skip every other key under this common prefix.
      i++;
      while (i < keys.length && keys[i].startsWith(entry)) i++;
    } else {
      page.objects.push(bucket.objects.get(key)!);
      i++;
    }
  }
  return page;
}

/** encoding-type=url: percent-encode like S3 (RFC 3986 unreserved characters and '/' stay as they are). */
export const urlEncode = (text: string): string =>
  encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%2F/g, '/');

export function contents(
  objects: ObjectRecord[],
  encode: (s: string) => string,
  owner: { ID: string } | undefined,
): _Object[] {
  return objects.map((o) => ({
    Key: encode(o.key),
    LastModified: new Date(o.modified),
    ETag: `"${o.etag}"`,
    ...(o.checksum
      ? { ChecksumAlgorithm: [o.checksum.algorithm], ChecksumType: 'FULL_OBJECT' as const }
      : {}),
    Size: o.size,
    StorageClass: (o.storageClass ?? 'STANDARD') as _Object['StorageClass'],
    ...(owner ? { Owner: owner } : {}),
  }));
}

export const commonPrefixes = (prefixes: string[], encode: (s: string) => string): CommonPrefix[] =>
  prefixes.map((p) => ({ Prefix: encode(p) }));

// Continuation tokens are opaque to clients; ours wrap the last key returned so a page is stable
// under concurrent writes, with a tag so a foreign or mangled token is rejected like S3 does.
const TOKEN_TAG = 'faas1:';

export const continuationToken = (last: string): string => Buffer.from(TOKEN_TAG + last).toString('base64');

export function parseContinuationToken(token: string): string {
  const text = Buffer.from(token, 'base64').toString('utf8');
  if (token === '' || !text.startsWith(TOKEN_TAG)) {
    throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
  }
  return text.slice(TOKEN_TAG.length);
}
