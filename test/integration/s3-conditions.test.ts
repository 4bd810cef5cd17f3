// S3 conditional requests (GET/HEAD 304/412, conditional PutObject and DeleteObject) and
// DeleteObjects (quiet and verbose, per-key errors, integrity header) through the real SDK client.

import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local/index.js';
import { useLocalCloud } from '../helpers/localCloud.js';
import { bodyText, newBucket as createBucket, md5, rawRequest, s3Client } from './s3Helpers.js';

let local: LocalCloud;
let s3: S3Client;
const newBucket = (label: string) => createBucket(s3, label);
const text = bodyText;
const raw = (method: string, path: string, headers: Record<string, string>, body?: string) =>
  rawRequest(local, method, path, headers, body);

useLocalCloud((l) => {
  local = l;
  s3 = s3Client(l.endpoint);
});

describe('S3 conditional requests', () => {
  it('answers 412 and 304 for GET and HEAD preconditions', async () => {
    const Bucket = await newBucket('cond');
    const { ETag } = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'v' }));
    const past = new Date(Date.now() - 3_600_000);
    const future = new Date(Date.now() + 3_600_000);
    await expect(
      s3.send(new GetObjectCommand({ Bucket, Key: 'k', IfMatch: '"0000"' })),
    ).rejects.toMatchObject({
      name: 'PreconditionFailed',
      message: 'At least one of the pre-conditions you specified did not hold',
      Condition: 'If-Match',
      $metadata: { httpStatusCode: 412 },
    });
    await expect(
      s3.send(new GetObjectCommand({ Bucket, Key: 'k', IfUnmodifiedSince: past })),
    ).rejects.toMatchObject({
      name: 'PreconditionFailed',
      Condition: 'If-Unmodified-Since',
      $metadata: { httpStatusCode: 412 },
    });
    await expect(
      s3.send(new HeadObjectCommand({ Bucket, Key: 'k', IfMatch: '"0000"' })),
    ).rejects.toMatchObject({
      $metadata: { httpStatusCode: 412 },
    });
    // 304 has no body, so the SDK cannot name the error; the status is what clients act on.
    for (const input of [{ IfNoneMatch: ETag }, { IfNoneMatch: '*' }, { IfModifiedSince: future }]) {
      await expect(s3.send(new GetObjectCommand({ Bucket, Key: 'k', ...input }))).rejects.toMatchObject({
        $metadata: { httpStatusCode: 304 },
      });
      await expect(s3.send(new HeadObjectCommand({ Bucket, Key: 'k', ...input }))).rejects.toMatchObject({
        $metadata: { httpStatusCode: 304 },
      });
    }
    // Conditions that hold serve the object.
    const ok = await s3.send(
      new GetObjectCommand({
        Bucket,
        Key: 'k',
        IfMatch: ETag,
        IfNoneMatch: '"other"',
        IfModifiedSince: past,
        IfUnmodifiedSince: future,
      }),
    );
    expect(await text(ok)).toBe('v');
    // If-Match that holds wins over a failing If-Unmodified-Since (RFC 7232, as S3 does).
    expect(
      (await s3.send(new HeadObjectCommand({ Bucket, Key: 'k', IfMatch: ETag, IfUnmodifiedSince: past })))
        .ETag,
    ).toBe(ETag);
    const res = await raw('GET', `/${Bucket}/k`, { 'if-none-match': ETag! });
    expect(res).toMatchObject({ status: 304, body: '' });
    expect(res.headers.etag).toBe(ETag);
  });

  it('writes with If-None-Match: * only when the key is new', async () => {
    const Bucket = await newBucket('ifnone');
    await s3.send(new PutObjectCommand({ Bucket, Key: 'once', Body: 'first', IfNoneMatch: '*' }));
    await expect(
      s3.send(new PutObjectCommand({ Bucket, Key: 'once', Body: 'second', IfNoneMatch: '*' })),
    ).rejects.toMatchObject({
      name: 'PreconditionFailed',
      message: 'At least one of the pre-conditions you specified did not hold',
      Condition: 'If-None-Match',
      $metadata: { httpStatusCode: 412 },
    });
    expect(await text(await s3.send(new GetObjectCommand({ Bucket, Key: 'once' })))).toBe('first');
    await expect(
      s3.send(new PutObjectCommand({ Bucket, Key: 'once', Body: 'x', IfNoneMatch: '"abc"' })),
    ).rejects.toMatchObject({
      name: 'NotImplemented',
      message: 'A header you provided implies functionality that is not implemented',
      $metadata: { httpStatusCode: 501 },
    });
  });

  it('writes with If-Match only over the named version', async () => {
    const Bucket = await newBucket('ifmatch');
    const { ETag } = await s3.send(new PutObjectCommand({ Bucket, Key: 'doc', Body: 'v1' }));
    const v2 = await s3.send(new PutObjectCommand({ Bucket, Key: 'doc', Body: 'v2', IfMatch: ETag }));
    expect(v2.ETag).toBe(`"${md5('v2')}"`);
    await expect(
      s3.send(new PutObjectCommand({ Bucket, Key: 'doc', Body: 'v3', IfMatch: ETag })),
    ).rejects.toMatchObject({
      name: 'PreconditionFailed',
      Condition: 'If-Match',
      $metadata: { httpStatusCode: 412 },
    });
    await expect(
      s3.send(new PutObjectCommand({ Bucket, Key: 'new', Body: 'x', IfMatch: ETag })),
    ).rejects.toMatchObject({
      name: 'NoSuchKey',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(
      s3.send(new DeleteObjectCommand({ Bucket, Key: 'doc', IfMatch: ETag })),
    ).rejects.toMatchObject({
      name: 'PreconditionFailed',
      $metadata: { httpStatusCode: 412 },
    });
    expect(
      (await s3.send(new DeleteObjectCommand({ Bucket, Key: 'doc', IfMatch: v2.ETag }))).$metadata
        .httpStatusCode,
    ).toBe(204);
  });
});

describe('S3 DeleteObjects', () => {
  it('reports deleted keys (missing ones included) and per-key errors', async () => {
    const Bucket = await newBucket('multi');
    const { ETag } = await s3.send(new PutObjectCommand({ Bucket, Key: 'a', Body: 'a' }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'b', Body: 'b' }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'c', Body: 'c' }));
    const out = await s3.send(
      new DeleteObjectsCommand({
        Bucket,
        Delete: {
          Objects: [
            { Key: 'a', ETag },
            { Key: 'b', ETag: '"wrong"' },
            { Key: 'missing' },
            { Key: 'c', VersionId: 'v123' },
          ],
        },
      }),
    );
    expect(out.Deleted).toEqual([{ Key: 'a' }, { Key: 'missing' }]);
    expect(out.Errors).toEqual([
      {
        Key: 'b',
        Code: 'PreconditionFailed',
        Message: 'At least one of the pre-conditions you specified did not hold',
      },
      {
        Key: 'c',
        VersionId: 'v123',
        Code: 'NoSuchVersion',
        Message: 'The specified version does not exist.',
      },
    ]);
    await expect(s3.send(new HeadObjectCommand({ Bucket, Key: 'a' }))).rejects.toMatchObject({
      name: 'NotFound',
    });
    expect((await s3.send(new HeadObjectCommand({ Bucket, Key: 'b' }))).ContentLength).toBe(1);
  });

  it('returns only errors in Quiet mode', async () => {
    const Bucket = await newBucket('quiet');
    await s3.send(new PutObjectCommand({ Bucket, Key: 'x', Body: 'x' }));
    const quiet = await s3.send(
      new DeleteObjectsCommand({ Bucket, Delete: { Quiet: true, Objects: [{ Key: 'x' }, { Key: 'y' }] } }),
    );
    expect(quiet.Deleted).toBeUndefined();
    expect(quiet.Errors).toBeUndefined();
    const withError = await s3.send(
      new DeleteObjectsCommand({ Bucket, Delete: { Quiet: true, Objects: [{ Key: 'z', VersionId: 'v1' }] } }),
    );
    expect(withError.Errors).toEqual([
      { Key: 'z', VersionId: 'v1', Code: 'NoSuchVersion', Message: 'The specified version does not exist.' },
    ]);
  });

  it('rejects requests without an integrity header and with too many keys', async () => {
    const Bucket = await newBucket('strict');
    const body = '<Delete><Object><Key>k</Key></Object></Delete>';
    const res = await raw('POST', `/${Bucket}?delete`, {}, body);
    expect(res.status).toBe(400);
    expect(res.body).toContain('<Code>InvalidRequest</Code>');
    expect(res.body).toContain('<Message>Missing required header for this request: Content-MD5</Message>');
    const Objects = Array.from({ length: 1001 }, (_, i) => ({ Key: `k${i}` }));
    await expect(s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects } }))).rejects.toMatchObject({
      name: 'MalformedXML',
      $metadata: { httpStatusCode: 400 },
    });
  });
});
