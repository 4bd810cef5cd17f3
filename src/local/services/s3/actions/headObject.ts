// S3 HeadObject: GetObject's headers and conditions without a body (errors are body-less, so the
// SDK reports a missing key as NotFound).

import type { HeadObjectOutput, HeadObjectRequest } from '@aws-sdk/client-s3';
import { withStatus } from '../../../protocol/types.js';
import type { ActionContext } from '../../../service.js';
import { requireBucket } from '../buckets.js';
import { noSuchKey } from '../errors.js';
import { checkReadConditions, checkVersionId, objectHeaders, parseRange } from '../reads.js';
import type { S3Service } from '../service.js';

export function headObject(input: HeadObjectRequest, ctx: ActionContext<S3Service>): HeadObjectOutput {
  const bucket = requireBucket(ctx, input.Bucket);
  checkVersionId(input.VersionId);
  const rec = bucket.objects.get(input.Key!);
  if (!rec) throw noSuchKey(input.Key!);
  checkReadConditions(input, rec);
  const range = parseRange(input.Range, rec.size);
  const out: HeadObjectOutput = objectHeaders(rec, range, input.ChecksumMode);
  return (range ? withStatus(out, 206) : out) satisfies HeadObjectOutput;
}
