// S3 GetObject: conditional reads (304/412), byte ranges (206 + Content-Range, 416), and the body
// streamed from its file, never loaded into memory.

import type { GetObjectOutput, GetObjectRequest } from '@aws-sdk/client-s3';
import { withStatus } from '../../../protocol/types.js';
import type { ActionContext } from '../../../service.js';
import { requireBucket } from '../buckets.js';
import { checkReadConditions, checkVersionId, objectHeaders, openObject, parseRange } from '../reads.js';
import type { S3Service } from '../service.js';

export async function getObject(
  input: GetObjectRequest,
  ctx: ActionContext<S3Service>,
): Promise<GetObjectOutput> {
  const bucket = requireBucket(ctx, input.Bucket);
  checkVersionId(input.VersionId);
  const {
    rec,
    result: range,
    file,
  } = await openObject(ctx.state, bucket, input.Key!, (r) => {
    checkReadConditions(input, r);
    return parseRange(input.Range, r.size);
  });
  const Body = file.createReadStream(range ? { start: range.start, end: range.end } : {});
  const out: GetObjectOutput = { ...objectHeaders(rec, range, input.ChecksumMode), Body: Body as never };
  // response-* query parameters override the stored representation headers.
  if (input.ResponseContentType) out.ContentType = input.ResponseContentType;
  if (input.ResponseContentDisposition) out.ContentDisposition = input.ResponseContentDisposition;
  if (input.ResponseContentEncoding) out.ContentEncoding = input.ResponseContentEncoding;
  if (input.ResponseContentLanguage) out.ContentLanguage = input.ResponseContentLanguage;
  if (input.ResponseCacheControl) out.CacheControl = input.ResponseCacheControl;
  if (input.ResponseExpires) out.Expires = input.ResponseExpires;
  return (range ? withStatus(out, 206) : out) satisfies GetObjectOutput;
}
