// S3 PutObject: streams the body to a durable blob, then commits the record (conditional writes are
// decided at that moment), deletes the replaced body and raises the ObjectCreated:Put event.

import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { PutObjectOutput, PutObjectRequest } from '@aws-sdk/client-s3';
import type { Cloud } from '../../../cloud.js';
import type { ActionContext } from '../../../service.js';
import { checksumMember } from '../checksums.js';
import { noSuchBucket } from '../errors.js';
import { checkWriteConditions, objectRecord, receiveBody, validatePutInput } from '../objects.js';
import type { S3Service } from '../service.js';
import type { ObjectRecord } from '../state.js';

export async function putObject(
  input: PutObjectRequest,
  ctx: ActionContext<S3Service>,
): Promise<PutObjectOutput> {
  const record = await storeObject(ctx.state, ctx.cloud, {
    input,
    headers: ctx.headers,
    body: input.Body as Readable,
    requestId: ctx.requestId,
  });
  const out: PutObjectOutput = { ETag: `"${record.etag}"`, ServerSideEncryption: 'AES256' };
  if (record.checksum) {
    out[checksumMember(record.checksum.algorithm) as 'ChecksumCRC32'] = record.checksum.value;
    out.ChecksumType = 'FULL_OBJECT';
  }
  return out satisfies PutObjectOutput;
}

/**
 * The whole of a put, shared by the PutObject action and other services writing in-process
 * (Lambda's S3 destinations): body to a durable blob, record committed, old body removed, event.
 */
export async function storeObject(
  svc: S3Service,
  cloud: Cloud,
  put: { input: PutObjectRequest; headers: IncomingHttpHeaders; body: Readable; requestId: string },
): Promise<ObjectRecord> {
  const { input, headers, requestId } = put;
  const bucket = svc.store.buckets.get(input.Bucket ?? '');
  if (!bucket) throw noSuchBucket(input.Bucket ?? '');
  const key = input.Key!;
  validatePutInput(input);
  // Fail before reading the body when the answer is already known.
  checkWriteConditions(input, bucket.objects.get(key), key);
  const body = await receiveBody(svc, headers, put.body, input.ContentLength);
  const record = objectRecord(input, headers, body, cloud.clock.now());
  const previous = bucket.objects.get(key);
  try {
    // The bucket may have been deleted, or the key written, while the body streamed in.
    if (svc.store.buckets.get(bucket.rec.name) !== bucket) throw noSuchBucket(bucket.rec.name);
    checkWriteConditions(input, previous, key);
  } catch (e) {
    svc.blobs.settled(body.blob);
    await svc.blobs.remove(body.blob);
    throw e;
  }
  await cloud.persistence.commit('s3', 'object.put', { bucket: bucket.rec.name, object: record });
  svc.blobs.settled(body.blob);
  if (previous) void svc.blobs.remove(previous.blob);
  svc.notifier.notify(bucket.rec.name, {
    name: 'ObjectCreated:Put',
    key,
    size: record.size,
    etag: record.etag,
    time: record.modified,
    requestId,
  });
  return record;
}
