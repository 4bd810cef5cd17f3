// S3 CreateBucket: name rules, LocationConstraint vs the request's region, and the us-east-1
// legacy where re-creating a bucket you already own there succeeds instead of answering 409.

import type { CreateBucketOutput, CreateBucketRequest } from '@aws-sdk/client-s3';
import type { ActionContext } from '../../../service.js';
import { bucketArn, bucketRegion, defaultBucketConfig, validateBucketName } from '../buckets.js';
import { bucketAlreadyOwnedByYou } from '../errors.js';
import type { S3Service } from '../service.js';
import type { BucketRecord } from '../state.js';

export async function createBucket(
  input: CreateBucketRequest,
  ctx: ActionContext<S3Service>,
): Promise<CreateBucketOutput> {
  const name = input.Bucket!;
  validateBucketName(name);
  const region = bucketRegion(ctx.region, input.CreateBucketConfiguration?.LocationConstraint);
  const existing = ctx.state.store.buckets.get(name);
  if (existing) {
    if (!(existing.rec.region === 'us-east-1' && ctx.region === 'us-east-1'))
      throw bucketAlreadyOwnedByYou(name);
  } else {
    const rec: BucketRecord = { name, created: ctx.cloud.clock.now(), region, ...defaultBucketConfig() };
    await ctx.cloud.persistence.commit('s3', 'bucket.create', rec);
  }
  return {
    Location: region === 'us-east-1' ? `/${name}` : `http://${name}.s3.amazonaws.com/`,
    BucketArn: bucketArn(name),
  } satisfies CreateBucketOutput;
}
