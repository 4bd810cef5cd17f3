// Bucket rules: naming, the LocationConstraint dance between request region and bucket region,
// lookups, and the config writes every bucket sub-resource action goes through.

import { AwsServiceError } from '../../errors.js';
import type { ActionContext } from '../../service.js';
import { invalidBucketName, noSuchBucket } from './errors.js';
import { sdkEnums } from './sdkEnums.js';
import type { S3Service } from './service.js';
import type { Bucket, BucketConfig, ConfigField } from './state.js';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/** General purpose bucket naming rules (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html). */
export function validateBucketName(name: string): void {
  const ok =
    name.length >= 3 &&
    name.length <= 63 &&
    /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name) &&
    !name.includes('..') &&
    !IPV4.test(name) &&
    !RESERVED_PREFIXES.some((p) => name.startsWith(p)) &&
    !RESERVED_SUFFIXES.some((s) => name.endsWith(s));
  if (!ok) throw invalidBucketName(name);
}

/**
 * The region a new bucket lands in. us-east-1 (the global endpoint) takes any other region's
 * constraint but rejects its own name; every other regional endpoint insists on its own name.
 */
export function bucketRegion(requestRegion: string, constraint: string | undefined): string {
  const known = sdkEnums.locations;
  const invalid = (): AwsServiceError =>
    new AwsServiceError('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, {
      extra: { LocationConstraint: constraint ?? '' },
    });
  if (constraint !== undefined && constraint !== 'us-east-1' && !known.includes(constraint)) throw invalid();
  if (requestRegion === 'us-east-1') {
    if (constraint === 'us-east-1') throw invalid();
    return constraint ?? 'us-east-1';
  }
  if (constraint === undefined || constraint !== requestRegion) {
    throw new AwsServiceError(
      'IllegalLocationConstraintException',
      `The ${constraint ?? 'unspecified'} location constraint is incompatible for the region specific endpoint this request was sent to.`,
      400,
    );
  }
  return constraint;
}

export function requireBucket(ctx: ActionContext<S3Service>, name: string | undefined): Bucket {
  const bucket = name === undefined ? undefined : ctx.state.store.buckets.get(name);
  if (!bucket) throw noSuchBucket(name ?? '');
  return bucket;
}

/** Sets (or with undefined, removes) one bucket sub-resource, durably. */
export async function setBucketConfig<F extends ConfigField>(
  ctx: ActionContext<S3Service>,
  bucket: Bucket,
  field: F,
  value: BucketConfig[F] | undefined,
): Promise<void> {
  await ctx.cloud.persistence.commit('s3', 'bucket.config', {
    name: bucket.rec.name,
    field,
    value: value === undefined ? null : value,
  });
}

export const bucketArn = (name: string): string => `arn:aws:s3:::${name}`;

/**
 * What a bucket carries from birth on AWS today: SSE-S3 default encryption (since January 2023)
 * and Block Public Access fully on (since April 2023).
 */
export const defaultBucketConfig = (): BucketConfig => ({
  encryption: {
    Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }],
  },
  publicAccessBlock: {
    BlockPublicAcls: true,
    IgnorePublicAcls: true,
    BlockPublicPolicy: true,
    RestrictPublicBuckets: true,
  },
});
