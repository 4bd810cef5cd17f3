// S3 PutPublicAccessBlock: stores the four settings (unset ones are false).

import type { PutPublicAccessBlockRequest } from '@aws-sdk/client-s3';
import type { ActionContext } from '../../../service.js';
import { requireBucket, setBucketConfig } from '../buckets.js';
import type { S3Service } from '../service.js';
import { validatePublicAccessBlock } from '../validate.js';

export async function putPublicAccessBlock(
  input: PutPublicAccessBlockRequest,
  ctx: ActionContext<S3Service>,
): Promise<object> {
  const bucket = requireBucket(ctx, input.Bucket);
  const conf = validatePublicAccessBlock(input.PublicAccessBlockConfiguration);
  await setBucketConfig(ctx, bucket, 'publicAccessBlock', conf);
  return {};
}
