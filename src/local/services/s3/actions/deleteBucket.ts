// S3 DeleteBucket: only an empty bucket can go (BucketNotEmpty 409 otherwise).

import type { DeleteBucketRequest } from '@aws-sdk/client-s3';
import type { ActionContext } from '../../../service.js';
import { requireBucket } from '../buckets.js';
import { bucketNotEmpty } from '../errors.js';
import type { S3Service } from '../service.js';

export async function deleteBucket(
  input: DeleteBucketRequest,
  ctx: ActionContext<S3Service>,
): Promise<object> {
  const bucket = requireBucket(ctx, input.Bucket);
  if (bucket.objects.size > 0) throw bucketNotEmpty(bucket.rec.name);
  await ctx.cloud.persistence.commit('s3', 'bucket.delete', { name: bucket.rec.name });
  return {};
}
