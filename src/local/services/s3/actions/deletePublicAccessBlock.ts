// S3 DeletePublicAccessBlock: removes the bucket's settings; 204 even when there were none.

import type { DeletePublicAccessBlockRequest } from '@aws-sdk/client-s3';
import type { ActionContext } from '../../../service.js';
import { requireBucket, setBucketConfig } from '../buckets.js';
import type { S3Service } from '../service.js';

export async function deletePublicAccessBlock(
  input: DeletePublicAccessBlockRequest,
  ctx: ActionContext<S3Service>,
): Promise<object> {
  const bucket = requireBucket(ctx, input.Bucket);
  if (bucket.rec.publicAccessBlock) await setBucketConfig(ctx, bucket, 'publicAccessBlock', undefined);
  return {};
}
