// S3 GetPublicAccessBlock: new buckets block all public access (AWS's default since April 2023);
// after DeletePublicAccessBlock there is none (NoSuchPublicAccessBlockConfiguration).

import type { GetPublicAccessBlockOutput, GetPublicAccessBlockRequest } from '@aws-sdk/client-s3';
import type { ActionContext } from '../../../service.js';
import { requireBucket } from '../buckets.js';
import { bucketConfigNotFound } from '../errors.js';
import type { S3Service } from '../service.js';

export function getPublicAccessBlock(
  input: GetPublicAccessBlockRequest,
  ctx: ActionContext<S3Service>,
): GetPublicAccessBlockOutput {
  const bucket = requireBucket(ctx, input.Bucket);
  const conf = bucket.rec.publicAccessBlock;
  if (!conf) {
    throw bucketConfigNotFound(
      'NoSuchPublicAccessBlockConfiguration',
      'The public access block configuration was not found',
      bucket.rec.name,
    );
  }
  return { PublicAccessBlockConfiguration: conf } satisfies GetPublicAccessBlockOutput;
}
