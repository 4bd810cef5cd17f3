// S3 GetBucketTagging: the tag set, or NoSuchTagSet when the bucket has none.

import type { GetBucketTaggingOutput, GetBucketTaggingRequest } from '@aws-sdk/client-s3';
import type { ActionContext } from '../../../service.js';
import { requireBucket } from '../buckets.js';
import { bucketConfigNotFound } from '../errors.js';
import type { S3Service } from '../service.js';

export function getBucketTagging(
  input: GetBucketTaggingRequest,
  ctx: ActionContext<S3Service>,
): GetBucketTaggingOutput {
  const bucket = requireBucket(ctx, input.Bucket);
  const tags = bucket.rec.tags;
  if (!tags) throw bucketConfigNotFound('NoSuchTagSet', 'The TagSet does not exist', bucket.rec.name);
  return { TagSet: tags } satisfies GetBucketTaggingOutput;
}
