// S3 ListObjects (v1): like V2 but paged by Marker; NextMarker is only returned with a delimiter
// (without one, clients continue from the last key), and every entry carries its Owner.

import type { ListObjectsOutput, ListObjectsRequest } from '@aws-sdk/client-s3';
import type { ActionContext } from '../../../service.js';
import { requireBucket } from '../buckets.js';
import { commonPrefixes, contents, encodingTypeOf, listKeys, maxKeysOf, urlEncode } from '../listing.js';
import type { S3Service } from '../service.js';

export function listObjects(input: ListObjectsRequest, ctx: ActionContext<S3Service>): ListObjectsOutput {
  const bucket = requireBucket(ctx, input.Bucket);
  const maxKeys = maxKeysOf(input.MaxKeys);
  const encodingType = encodingTypeOf(input.EncodingType);
  const encode = encodingType ? urlEncode : (s: string) => s;
  const prefix = input.Prefix ?? '';
  const delimiter = input.Delimiter || undefined;
  const page = listKeys(bucket, { prefix, delimiter, after: input.Marker || undefined, maxKeys });
  return {
    IsTruncated: page.truncated,
    Marker: encode(input.Marker ?? ''),
    NextMarker: page.truncated && delimiter && page.last !== undefined ? encode(page.last) : undefined,
    Contents: contents(page.objects, encode, { ID: ctx.state.ownerId }),
    Name: bucket.rec.name,
    Prefix: encode(prefix),
    Delimiter: delimiter ? encode(delimiter) : undefined,
    MaxKeys: maxKeys,
    CommonPrefixes: commonPrefixes(page.prefixes, encode),
    EncodingType: encodingType,
  } satisfies ListObjectsOutput;
}
