// S3 PutBucketTagging: replaces the whole tag set (an empty set removes the tags).

import type { PutBucketTaggingRequest } from '@aws-sdk/client-s3';
import type { ActionContext } from '../../../service.js';
import { requireBucket, setBucketConfig } from '../buckets.js';
import { malformedXml } from '../errors.js';
import type { S3Service } from '../service.js';
import { validateTagSet } from '../validate.js';

export async function putBucketTagging(
  input: PutBucketTaggingRequest,
  ctx: ActionContext<S3Service>,
): Promise<object> {
  const bucket = requireBucket(ctx, input.Bucket);
  if (!input.Tagging) throw malformedXml();
  const tags = validateTagSet(input.Tagging.TagSet);
  await setBucketConfig(ctx, bucket, 'tags', tags.length > 0 ? tags : undefined);
  return {};
}
