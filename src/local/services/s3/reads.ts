// The object read path shared by GetObject and HeadObject: conditional headers (304/412), byte
// ranges (206/416), the representation headers, and opening the body file as a stream.

import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import type { GetObjectOutput } from '@aws-sdk/client-s3';
import { AwsServiceError } from '../../errors.js';
import { checksumMember } from './checksums.js';
import { invalidArgument, noSuchKey, preconditionFailed } from './errors.js';
import type { S3Service } from './service.js';
import type { Bucket, ObjectRecord } from './state.js';

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

/**
 * `bytes=a-b`, `bytes=a-` and `bytes=-n`. Like S3, a header it cannot parse (other units, several
 * ranges, a > b) is ignored and the whole object is returned; a range past the end is 416.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*bytes=(\d*)-(\d*)\s*$/.exec(header);
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  const unsatisfiable = (): AwsServiceError =>
    new AwsServiceError('InvalidRange', 'The requested range is not satisfiable', 416, {
      extra: { RangeRequested: header, ActualObjectSize: String(size) },
      headers: { 'content-range': `bytes */${size}` },
    });
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0 || size === 0) throw unsatisfiable();
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  if (m[2] !== '' && Number(m[2]) < start) return undefined;
  if (start >= size) throw unsatisfiable();
  return { start, end: m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1) };
}

export interface ReadConditions {
  IfMatch?: string;
  IfNoneMatch?: string;
  IfModifiedSince?: Date;
  IfUnmodifiedSince?: Date;
}

const etagList = (header: string): string[] =>
  header.split(',').map((t) => t.trim().replace(/^W\//, '').replace(/^"|"$/g, ''));
const etagMatches = (header: string, etag: string): boolean =>
  etagList(header).some((t) => t === '*' || t === etag);
/** HTTP dates have one-second resolution, so Last-Modified is compared truncated to the second. */
const seconds = (ms: number): number => Math.floor(ms / 1000);

/**
 * RFC 7232 order, as S3 applies it: If-Match (412) wins over If-Unmodified-Since; If-None-Match
 * (304) wins over If-Modified-Since.
 */
export function checkReadConditions(c: ReadConditions, rec: ObjectRecord): void {
  if (c.IfMatch !== undefined) {
    if (!etagMatches(c.IfMatch, rec.etag)) throw preconditionFailed('If-Match');
  } else if (
    validDate(c.IfUnmodifiedSince) &&
    seconds(rec.modified) > seconds(c.IfUnmodifiedSince.getTime())
  ) {
    throw preconditionFailed('If-Unmodified-Since');
  }
  const notModified =
    c.IfNoneMatch !== undefined
      ? etagMatches(c.IfNoneMatch, rec.etag)
      : validDate(c.IfModifiedSince) && seconds(rec.modified) <= seconds(c.IfModifiedSince.getTime());
  if (notModified) {
    throw new AwsServiceError('NotModified', 'Not Modified', 304, {
      headers: { etag: `"${rec.etag}"`, 'last-modified': new Date(rec.modified).toUTCString() },
    });
  }
}

const validDate = (d: Date | undefined): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

export type ObjectHeaders = Pick<
  GetObjectOutput,
  | 'AcceptRanges'
  | 'ETag'
  | 'LastModified'
  | 'ContentLength'
  | 'ContentType'
  | 'ContentEncoding'
  | 'ContentLanguage'
  | 'ContentDisposition'
  | 'CacheControl'
  | 'Expires'
  | 'Metadata'
  | 'ServerSideEncryption'
  | 'StorageClass'
  | 'ContentRange'
  | 'ChecksumCRC32'
  | 'ChecksumCRC32C'
  | 'ChecksumCRC64NVME'
  | 'ChecksumSHA1'
  | 'ChecksumSHA256'
  | 'ChecksumType'
>;

/**
 * The representation headers of an object (or of one range of it). Checksums are only sent when
 * the client asked (x-amz-checksum-mode: ENABLED) and only for the whole object, as S3 does.
 */
export function objectHeaders(
  rec: ObjectRecord,
  range: ByteRange | undefined,
  checksumMode?: string,
): ObjectHeaders {
  const out: ObjectHeaders = {
    AcceptRanges: 'bytes',
    ETag: `"${rec.etag}"`,
    LastModified: new Date(rec.modified),
    ContentLength: range ? range.end - range.start + 1 : rec.size,
    ContentType: rec.contentType,
    ContentEncoding: rec.contentEncoding,
    ContentLanguage: rec.contentLanguage,
    ContentDisposition: rec.contentDisposition,
    CacheControl: rec.cacheControl,
    Metadata: rec.metadata,
    // Every object is encrypted at rest with SSE-S3 on AWS today.
    ServerSideEncryption: 'AES256',
  };
  if (rec.expires && !Number.isNaN(Date.parse(rec.expires))) out.Expires = new Date(rec.expires);
  if (rec.storageClass) out.StorageClass = rec.storageClass as ObjectHeaders['StorageClass'];
  if (range) out.ContentRange = `bytes ${range.start}-${range.end}/${rec.size}`;
  if (!range && checksumMode === 'ENABLED' && rec.checksum) {
    const member = checksumMember(rec.checksum.algorithm);
    if (member in checksumKeys) (out as Record<string, unknown>)[member] = rec.checksum.value;
    out.ChecksumType = 'FULL_OBJECT';
  }
  return out;
}

const checksumKeys = {
  ChecksumCRC32: 1,
  ChecksumCRC32C: 1,
  ChecksumCRC64NVME: 1,
  ChecksumSHA1: 1,
  ChecksumSHA256: 1,
};

/**
 * Looks the object up, lets `check` apply conditions and pick the range, and opens its body. An
 * overwrite may delete the body file between lookup and open; then the new version is read instead.
 */
export async function openObject<R>(
  svc: S3Service,
  bucket: Bucket,
  key: string,
  check: (rec: ObjectRecord) => R,
): Promise<{ rec: ObjectRecord; result: R; file: FileHandle }> {
  for (let attempt = 0; ; attempt++) {
    const rec = bucket.objects.get(key);
    if (!rec) throw noSuchKey(key);
    const result = check(rec);
    try {
      return { rec, result, file: await open(svc.blobs.path(rec.blob), 'r') };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 3) throw e;
    }
  }
}

/** Buckets here are unversioned: only the `null` version exists. */
export function checkVersionId(versionId: string | undefined): void {
  if (versionId !== undefined && versionId !== 'null') {
    throw invalidArgument('Invalid version id specified', 'versionId', versionId);
  }
}
