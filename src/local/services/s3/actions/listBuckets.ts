// S3 ListBuckets: every bucket of the account in name order, with prefix, region filter and
// max-buckets/continuation-token paging.

import type { Bucket as BucketEntry, ListBucketsOutput, ListBucketsRequest } from '@aws-sdk/client-s3';
import type { ActionContext } from '../../../service.js';
import { bucketArn } from '../buckets.js';
import { invalidArgument } from '../errors.js';
import { continuationToken, parseContinuationToken } from '../listing.js';
import type { S3Service } from '../service.js';

export function listBuckets(input: ListBucketsRequest, ctx: ActionContext<S3Service>): ListBucketsOutput {
  const max = input.MaxBuckets;
  if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 10000)) {
    throw invalidArgument(
      'Argument max-buckets must be an integer between 1 and 10000',
      'max-buckets',
      String(max),
    );
  }
  const after =
    input.ContinuationToken !== undefined ? parseContinuationToken(input.ContinuationToken) : undefined;
  const all = [...ctx.state.store.buckets.values()]
    .map((b) => b.rec)
    .filter(
      (b) =>
        (input.Prefix === undefined || b.name.startsWith(input.Prefix)) &&
        (input.BucketRegion === undefined || b.region === input.BucketRegion) &&
        (after === undefined || b.name > after),
    )
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const page = max === undefined ? all : all.slice(0, max);
  const Buckets: BucketEntry[] = page.map((b) => ({
    Name: b.name,
    CreationDate: new Date(b.created),
    BucketRegion: b.region,
    BucketArn: bucketArn(b.name),
  }));
  return {
    Buckets,
    Owner: { ID: ctx.state.ownerId },
    ContinuationToken: page.length < all.length ? continuationToken(page.at(-1)!.name) : undefined,
    Prefix: input.Prefix,
  } satisfies ListBucketsOutput;
}
