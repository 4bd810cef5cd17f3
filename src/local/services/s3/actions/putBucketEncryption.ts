// S3 PutBucketEncryption: replaces the bucket's default encryption rules.

import type { PutBucketEncryptionRequest } from '@aws-sdk/client-s3';
import type { ActionContext } from '../../../service.js';
import { requireBucket, setBucketConfig } from '../buckets.js';
import type { S3Service } from '../service.js';
import { validateEncryption } from '../validate.js';

export async function putBucketEncryption(
  input: PutBucketEncryptionRequest,
  ctx: ActionContext<S3Service>,
): Promise<object> {
  const bucket = requireBucket(ctx, input.Bucket);
  await setBucketConfig(
    ctx,
    bucket,
    'encryption',
    validateEncryption(input.ServerSideEncryptionConfiguration),
  );
  return {};
}
