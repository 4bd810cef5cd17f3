// S3 HeadBucket: 200 with the bucket's region, or a body-less 404 (the SDK names it NotFound).

import type { HeadBucketOutput, HeadBucketRequest } from '@aws-sdk/client-s3';
import type { ActionContext } from '../../../service.js';
import { requireBucket } from '../buckets.js';
import type { S3Service } from '../service.js';

export function headBucket(input: HeadBucketRequest, ctx: ActionContext<S3Service>): HeadBucketOutput {
  const bucket = requireBucket(ctx, input.Bucket);
  return { BucketRegion: bucket.rec.region, AccessPointAlias: false } satisfies HeadBucketOutput;
}
