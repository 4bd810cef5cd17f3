// S3 PutBucketPolicy: stores the policy document once it parses (MalformedPolicy otherwise).

import type { PutBucketPolicyRequest } from '@aws-sdk/client-s3';
import type { ActionContext } from '../../../service.js';
import { requireBucket, setBucketConfig } from '../buckets.js';
import type { S3Service } from '../service.js';
import { validateBucketPolicy } from '../validate.js';

export async function putBucketPolicy(
  input: PutBucketPolicyRequest,
  ctx: ActionContext<S3Service>,
): Promise<object> {
  const bucket = requireBucket(ctx, input.Bucket);
  await setBucketConfig(ctx, bucket, 'policy', validateBucketPolicy(input.Policy, bucket.rec.name));
  return {};
}
