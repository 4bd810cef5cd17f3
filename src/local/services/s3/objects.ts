// The object write path: validate the key, stream the body (decoding aws-chunked) through the
// hashes into a durable blob, verify Content-MD5 and flexible checksums, and build the record.

import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { ChecksumAlgorithm, PutObjectRequest, StorageClass } from '@aws-sdk/client-s3';
import { AwsServiceError } from '../../errors.js';
import {
  BodyHasher,
  checksumHeader,
  declaredChecksum,
  parseContentMd5,
  verifyChecksum,
  verifyContentMd5,
} from './checksums.js';
import { AwsChunkedDecoder, isAwsChunked, storedContentEncoding } from './chunked.js';
import { incompleteBody, noSuchKey, notImplementedHeader, preconditionFailed } from './errors.js';
import { sdkEnums } from './sdkEnums.js';
import type { S3Service } from './service.js';
import type { ObjectRecord } from './state.js';

const MAX_KEY_BYTES = 1024;
/** The largest single PUT S3 accepts (5 GiB); bigger objects need multipart upload. */
const MAX_PUT_BYTES = 5 * 1024 ** 3;

export function validateKey(key: string): void {
  const size = Buffer.byteLength(key);
  if (size > MAX_KEY_BYTES) {
    throw new AwsServiceError('KeyTooLongError', 'Your key is too long', 400, {
      extra: { Size: String(size), MaxSizeAllowed: String(MAX_KEY_BYTES) },
    });
  }
}

export interface StoredBody {
  blob: string;
  size: number;
  etag: string;
  checksum?: { algorithm: ChecksumAlgorithm; value: string };
}

/** Streams a request body into a new durable blob. The caller commits the record, then calls blobs.settled(). */
export async function receiveBody(
  svc: S3Service,
  headers: IncomingHttpHeaders,
  body: Readable,
  contentLength: number | undefined,
): Promise<StoredBody> {
  const chunked = isAwsChunked(headers);
  const decodedHeader = headers['x-amz-decoded-content-length'];
  const expectedSize = chunked && typeof decodedHeader === 'string' ? Number(decodedHeader) : contentLength;
  if (expectedSize !== undefined && expectedSize > MAX_PUT_BYTES) {
    throw new AwsServiceError(
      'EntityTooLarge',
      'Your proposed upload exceeds the maximum allowed size',
      400,
      {
        extra: { ProposedSize: String(expectedSize), MaxSizeAllowed: String(MAX_PUT_BYTES) },
      },
    );
  }
  const contentMd5 = parseContentMd5(header(headers, 'content-md5'));
  const declared = declaredChecksum(headers);
  const hasher = new BodyHasher(declared?.algorithm);
  const decoder = chunked ? new AwsChunkedDecoder() : undefined;
  const source = decoder ? decoder.decode(body) : (body as AsyncIterable<Buffer>);
  const { name, size } = await svc.blobs.write(source, (chunk) => hasher.update(chunk));
  try {
    if (chunked && expectedSize !== undefined && expectedSize !== size) throw incompleteBody();
    if (declared && declared.value === undefined && decoder) {
      declared.value = decoder.trailers[checksumHeader(declared.algorithm)];
    }
    const { md5, computed } = hasher.finish();
    verifyContentMd5(contentMd5, md5);
    const checksum = verifyChecksum(declared, computed);
    return { blob: name, size, etag: md5.toString('hex'), checksum };
  } catch (e) {
    svc.blobs.settled(name);
    await svc.blobs.remove(name);
    throw e;
  }
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
};

/** User metadata (names and values of x-amz-meta-*) is limited to 2 KB. */
function validateMetadataSize(metadata: Record<string, string>): void {
  let size = 0;
  for (const [k, v] of Object.entries(metadata)) size += Buffer.byteLength(k) + Buffer.byteLength(v);
  if (size > 2048) {
    throw new AwsServiceError(
      'MetadataTooLarge',
      'Your metadata headers exceed the maximum allowed metadata size',
      400,
      { extra: { Size: String(size), MaxSizeAllowed: '2048' } },
    );
  }
}

export function validateStorageClass(storageClass: string | undefined): StorageClass | undefined {
  if (storageClass === undefined) return undefined;
  if (!sdkEnums.storageClasses.includes(storageClass)) {
    throw new AwsServiceError('InvalidStorageClass', 'The storage class you specified is not valid', 400, {
      extra: { StorageClassRequested: storageClass },
    });
  }
  return storageClass as StorageClass;
}

/** Checks what can be rejected before the body is read. */
export function validatePutInput(input: PutObjectRequest): void {
  validateKey(input.Key!);
  validateStorageClass(input.StorageClass);
  if (input.Metadata) validateMetadataSize(input.Metadata);
}

/** The record PutObject commits: the body facts plus the representation headers S3 keeps. */
export function objectRecord(
  input: PutObjectRequest,
  headers: IncomingHttpHeaders,
  body: StoredBody,
  now: number,
): ObjectRecord {
  const storageClass = input.StorageClass;
  const record: ObjectRecord = {
    key: input.Key!,
    blob: body.blob,
    size: body.size,
    etag: body.etag,
    modified: now,
    // S3's default when the client names no type.
    contentType: input.ContentType ?? 'binary/octet-stream',
  };
  const encoding = storedContentEncoding(input.ContentEncoding);
  if (encoding) record.contentEncoding = encoding;
  if (input.ContentLanguage) record.contentLanguage = input.ContentLanguage;
  if (input.ContentDisposition) record.contentDisposition = input.ContentDisposition;
  if (input.CacheControl) record.cacheControl = input.CacheControl;
  const expires = header(headers, 'expires');
  if (expires) record.expires = expires;
  if (storageClass && storageClass !== 'STANDARD') record.storageClass = storageClass;
  if (input.Metadata && Object.keys(input.Metadata).length > 0) record.metadata = input.Metadata;
  if (body.checksum) record.checksum = body.checksum;
  return record;
}

/**
 * Conditional writes: `If-None-Match: *` only writes a new key, `If-Match: <etag>` only replaces
 * that version (and needs the key to exist). Checked before the upload and again at commit.
 */
export function checkWriteConditions(
  c: { IfMatch?: string; IfNoneMatch?: string },
  existing: ObjectRecord | undefined,
  key: string,
): void {
  if (c.IfNoneMatch !== undefined) {
    if (c.IfNoneMatch.trim() !== '*') throw notImplementedHeader('If-None-Match');
    if (existing) throw preconditionFailed('If-None-Match');
  }
  if (c.IfMatch !== undefined) {
    if (!existing) throw noSuchKey(key);
    const wanted = c.IfMatch.split(',').map((t) => t.trim().replace(/^"|"$/g, ''));
    if (!wanted.includes(existing.etag) && !wanted.includes('*')) throw preconditionFailed('If-Match');
  }
}
