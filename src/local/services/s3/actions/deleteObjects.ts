// S3 DeleteObjects: up to 1000 keys in one durable commit; missing keys count as deleted, per-key
// failures (ETag condition, unknown version) are reported in Errors; Quiet returns only errors.

import type {
  DeletedObject,
  DeleteObjectsOutput,
  DeleteObjectsRequest,
  _Error as S3Error,
} from '@aws-sdk/client-s3';
import type { ActionContext } from '../../../service.js';
import { requireBucket } from '../buckets.js';
import { invalidRequest, malformedXml } from '../errors.js';
import type { S3Service } from '../service.js';
import type { ObjectRecord } from '../state.js';

const hasIntegrityHeader = (headers: Record<string, unknown>): boolean =>
  'content-md5' in headers || Object.keys(headers).some((h) => h.startsWith('x-amz-checksum-'));

export async function deleteObjects(
  input: DeleteObjectsRequest,
  ctx: ActionContext<S3Service>,
): Promise<DeleteObjectsOutput> {
  const svc = ctx.state;
  const bucket = requireBucket(ctx, input.Bucket);
  // S3 insists on an integrity header for this operation; the SDK always sends one.
  if (!hasIntegrityHeader(ctx.headers))
    throw invalidRequest('Missing required header for this request: Content-MD5');
  const objects = input.Delete?.Objects ?? [];
  if (objects.length === 0 || objects.length > 1000) throw malformedXml();
  const deleted: DeletedObject[] = [];
  const errors: S3Error[] = [];
  const removed = new Map<string, ObjectRecord>();
  for (const { Key, VersionId, ETag } of objects) {
    if (Key === undefined) throw malformedXml();
    const existing = bucket.objects.get(Key);
    if (VersionId !== undefined && VersionId !== 'null') {
      errors.push({
        Key,
        VersionId,
        Code: 'NoSuchVersion',
        Message: 'The specified version does not exist.',
      });
      continue;
    }
    if (ETag !== undefined && existing?.etag !== ETag.replace(/^"|"$/g, '')) {
      errors.push({
        Key,
        Code: existing ? 'PreconditionFailed' : 'NoSuchKey',
        Message: existing
          ? 'At least one of the pre-conditions you specified did not hold'
          : 'The specified key does not exist.',
      });
      continue;
    }
    if (existing) removed.set(Key, existing);
    deleted.push(VersionId !== undefined ? { Key, VersionId } : { Key });
  }
  if (removed.size > 0) {
    await ctx.cloud.persistence.commit('s3', 'object.delete', {
      bucket: bucket.rec.name,
      keys: [...removed.keys()],
    });
    const now = ctx.cloud.clock.now();
    for (const [key, rec] of removed) {
      void svc.blobs.remove(rec.blob);
      svc.notifier.notify(bucket.rec.name, {
        name: 'ObjectRemoved:Delete',
        key,
        time: now,
        requestId: ctx.requestId,
      });
    }
  }
  return {
    Deleted: input.Delete?.Quiet ? undefined : deleted,
    Errors: errors.length > 0 ? errors : undefined,
  } satisfies DeleteObjectsOutput;
}
