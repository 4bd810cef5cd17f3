// S3 DeleteBucketPolicy: 204 whether or not a policy was set.

import type { DeleteBucketPolicyRequest } from '@aws-sdk/client-s3';
import type { ActionContext } from '../../../service.js';
import { requireBucket, setBucketConfig } from '../buckets.js';
import type { S3Service } from '../service.js';

export async function deleteBucketPolicy(
  input: DeleteBucketPolicyRequest,
  ctx: ActionContext<S3Service>,
): Promise<object> {
  const bucket = requireBucket(ctx, input.Bucket);
  if (bucket.rec.policy !== undefined) await setBucketConfig(ctx, bucket, 'policy', undefined);
  return {};
}
