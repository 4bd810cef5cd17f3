// S3 GetBucketEncryption: every bucket has default encryption on AWS today (SSE-S3 unless set
// otherwise), so ServerSideEncryptionConfigurationNotFoundError only answers buckets without any.

import type { GetBucketEncryptionOutput, GetBucketEncryptionRequest } from '@aws-sdk/client-s3';
import type { ActionContext } from '../../../service.js';
import { requireBucket } from '../buckets.js';
import { bucketConfigNotFound } from '../errors.js';
import type { S3Service } from '../service.js';

export function getBucketEncryption(
  input: GetBucketEncryptionRequest,
  ctx: ActionContext<S3Service>,
): GetBucketEncryptionOutput {
  const bucket = requireBucket(ctx, input.Bucket);
  const conf = bucket.rec.encryption;
  if (!conf) {
    throw bucketConfigNotFound(
      'ServerSideEncryptionConfigurationNotFoundError',
      'The server side encryption configuration was not found',
      bucket.rec.name,
    );
  }
  return { ServerSideEncryptionConfiguration: conf } satisfies GetBucketEncryptionOutput;
}
