// S3 ListObjectsV2: keys in UTF-8 order under a prefix, delimiter roll-up into CommonPrefixes,
// start-after and continuation tokens, max-keys (capped at 1000), KeyCount and encoding-type=url.

import type { ListObjectsV2Output, ListObjectsV2Request } from '@aws-sdk/client-s3';
import type { ActionContext } from '../../../service.js';
import { requireBucket } from '../buckets.js';
import { compareKeys } from '../keyOrder.js';
import {
  commonPrefixes,
  contents,
  continuationToken,
  encodingTypeOf,
  listKeys,
  maxKeysOf,
  parseContinuationToken,
  urlEncode,
} from '../listing.js';
import type { S3Service } from '../service.js';

export function listObjectsV2(
  input: ListObjectsV2Request,
  ctx: ActionContext<S3Service>,
): ListObjectsV2Output {
  const bucket = requireBucket(ctx, input.Bucket);
  const maxKeys = maxKeysOf(input.MaxKeys);
  const encodingType = encodingTypeOf(input.EncodingType);
  const encode = encodingType ? urlEncode : (s: string) => s;
  const prefix = input.Prefix ?? '';
  const fromToken =
    input.ContinuationToken !== undefined ? parseContinuationToken(input.ContinuationToken) : undefined;
  let after = input.StartAfter || undefined;
  if (fromToken !== undefined && (after === undefined || compareKeys(fromToken, after) > 0))
    after = fromToken;
  const page = listKeys(bucket, { prefix, delimiter: input.Delimiter || undefined, after, maxKeys });
  const owner = input.FetchOwner ? { ID: ctx.state.ownerId } : undefined;
  return {
    IsTruncated: page.truncated,
    Contents: contents(page.objects, encode, owner),
    Name: bucket.rec.name,
    Prefix: encode(prefix),
    Delimiter: input.Delimiter ? encode(input.Delimiter) : undefined,
    MaxKeys: maxKeys,
    CommonPrefixes: commonPrefixes(page.prefixes, encode),
    EncodingType: encodingType,
    KeyCount: page.objects.length + page.prefixes.length,
    ContinuationToken: input.ContinuationToken,
    NextContinuationToken:
      page.truncated && page.last !== undefined ? continuationToken(page.last) : undefined,
    StartAfter: input.StartAfter ? encode(input.StartAfter) : undefined,
  } satisfies ListObjectsV2Output;
}
