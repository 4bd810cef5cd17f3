// S3 GetBucketLocation: the LocationConstraint the bucket was created with; empty for us-east-1.

import type { GetBucketLocationOutput, GetBucketLocationRequest } from '@aws-sdk/client-s3';
import type { ActionContext } from '../../../service.js';
import { requireBucket } from '../buckets.js';
import type { S3Service } from '../service.js';

export function getBucketLocation(
  input: GetBucketLocationRequest,
  ctx: ActionContext<S3Service>,
): GetBucketLocationOutput {
  const { region } = requireBucket(ctx, input.Bucket).rec;
  return {
    LocationConstraint:
      region === 'us-east-1' ? undefined : (region as GetBucketLocationOutput['LocationConstraint']),
  } satisfies GetBucketLocationOutput;
}
