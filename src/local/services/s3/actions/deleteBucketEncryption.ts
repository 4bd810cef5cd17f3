// S3 DeleteBucketEncryption: resets the bucket to SSE-S3, as AWS does (encryption cannot be off).

import type { DeleteBucketEncryptionRequest } from '@aws-sdk/client-s3';
import type { ActionContext } from '../../../service.js';
import { defaultBucketConfig, requireBucket, setBucketConfig } from '../buckets.js';
import type { S3Service } from '../service.js';

export async function deleteBucketEncryption(
  input: DeleteBucketEncryptionRequest,
  ctx: ActionContext<S3Service>,
): Promise<object> {
  const bucket = requireBucket(ctx, input.Bucket);
  await setBucketConfig(ctx, bucket, 'encryption', defaultBucketConfig().encryption);
  return {};
}
