// S3 PutObject: streams the body to a durable blob, then commits the record (conditional writes are
// decided at that moment), deletes the replaced body and raises the ObjectCreated:Put event.

import type { Readable } from 'node:stream';
import type { PutObjectOutput, PutObjectRequest } from '@aws-sdk/client-s3';
import type { ActionContext } from '../../../service.js';
import { requireBucket } from '../buckets.js';
import { checksumMember } from '../checksums.js';
import { noSuchBucket } from '../errors.js';
import { checkWriteConditions, objectRecord, receiveBody, validatePutInput } from '../objects.js';
import type { S3Service } from '../service.js';

export async function putObject(
  input: PutObjectRequest,
  ctx: ActionContext<S3Service>,
): Promise<PutObjectOutput> {
  const svc = ctx.state;
  const bucket = requireBucket(ctx, input.Bucket);
  const key = input.Key!;
  validatePutInput(input);
  // Fail before reading the body when the answer is already known.
  checkWriteConditions(input, bucket.objects.get(key), key);
  const body = await receiveBody(svc, ctx.headers, input.Body as Readable, input.ContentLength);
  const record = objectRecord(input, ctx.headers, body, ctx.cloud.clock.now());
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
  await ctx.cloud.persistence.commit('s3', 'object.put', { bucket: bucket.rec.name, object: record });
  svc.blobs.settled(body.blob);
  if (previous) void svc.blobs.remove(previous.blob);
  svc.notifier.notify(bucket.rec.name, {
    name: 'ObjectCreated:Put',
    key,
    size: record.size,
    etag: record.etag,
    time: record.modified,
    requestId: ctx.requestId,
  });
  const out: PutObjectOutput = { ETag: `"${record.etag}"`, ServerSideEncryption: 'AES256' };
  if (record.checksum) {
    out[checksumMember(record.checksum.algorithm) as 'ChecksumCRC32'] = record.checksum.value;
    out.ChecksumType = 'FULL_OBJECT';
  }
  return out satisfies PutObjectOutput;
}
