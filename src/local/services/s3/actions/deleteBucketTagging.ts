// S3 DeleteBucketTagging: 204 whether or not the bucket had tags.

import type { DeleteBucketTaggingRequest } from '@aws-sdk/client-s3';
import type { ActionContext } from '../../../service.js';
import { requireBucket, setBucketConfig } from '../buckets.js';
import type { S3Service } from '../service.js';

export async function deleteBucketTagging(
  input: DeleteBucketTaggingRequest,
  ctx: ActionContext<S3Service>,
): Promise<object> {
  const bucket = requireBucket(ctx, input.Bucket);
  if (bucket.rec.tags) await setBucketConfig(ctx, bucket, 'tags', undefined);
  return {};
}
