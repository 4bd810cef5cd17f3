// S3 DeleteObject: idempotent 204 (a missing key is not an error) unless If-Match is sent, which
// needs the key to exist with that ETag.

import type { DeleteObjectOutput, DeleteObjectRequest } from '@aws-sdk/client-s3';
import type { ActionContext } from '../../../service.js';
import { requireBucket } from '../buckets.js';
import { checkWriteConditions, validateKey } from '../objects.js';
import { checkVersionId } from '../reads.js';
import type { S3Service } from '../service.js';

export async function deleteObject(
  input: DeleteObjectRequest,
  ctx: ActionContext<S3Service>,
): Promise<DeleteObjectOutput> {
  const svc = ctx.state;
  const bucket = requireBucket(ctx, input.Bucket);
  const key = input.Key!;
  validateKey(key);
  checkVersionId(input.VersionId);
  const existing = bucket.objects.get(key);
  checkWriteConditions({ IfMatch: input.IfMatch }, existing, key);
  if (existing) {
    await ctx.cloud.persistence.commit('s3', 'object.delete', { bucket: bucket.rec.name, keys: [key] });
    void svc.blobs.remove(existing.blob);
    svc.notifier.notify(bucket.rec.name, {
      name: 'ObjectRemoved:Delete',
      key,
      time: ctx.cloud.clock.now(),
      requestId: ctx.requestId,
    });
  }
  return {} satisfies DeleteObjectOutput;
}
