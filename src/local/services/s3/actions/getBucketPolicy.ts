// S3 GetBucketPolicy: the stored policy document, or NoSuchBucketPolicy.

import type { GetBucketPolicyOutput, GetBucketPolicyRequest } from '@aws-sdk/client-s3';
import type { ActionContext } from '../../../service.js';
import { requireBucket } from '../buckets.js';
import { bucketConfigNotFound } from '../errors.js';
import type { S3Service } from '../service.js';

export function getBucketPolicy(
  input: GetBucketPolicyRequest,
  ctx: ActionContext<S3Service>,
): GetBucketPolicyOutput {
  const bucket = requireBucket(ctx, input.Bucket);
  const policy = bucket.rec.policy;
  if (policy === undefined) {
    throw bucketConfigNotFound('NoSuchBucketPolicy', 'The bucket policy does not exist', bucket.rec.name);
  }
  return { Policy: policy } satisfies GetBucketPolicyOutput;
}
