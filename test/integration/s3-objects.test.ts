// S3 objects through the real SDK client: metadata round trips, aws-chunked uploads and flexible
// checksums, errors, deletes and overwrites (checked on the blob files), ranges, and a 5 MB body
// that must reach disk while it is still streaming.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
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

const blobDir = () => local.cloud.persistence.blobDir('s3', local.cloud.tempDir);

describe('S3 objects', () => {
  it('round-trips a body with its representation headers and user metadata', async () => {
    const Bucket = await newBucket('meta');
    const expires = new Date('2030-01-01T00:00:00Z');
    const put = await s3.send(
      new PutObjectCommand({
        Bucket,
        Key: 'docs/report.json',
        Body: '{"ok":true}',
        ContentType: 'application/json',
        ContentEncoding: 'identity',
        CacheControl: 'max-age=60',
        ContentDisposition: 'attachment; filename="report.json"',
        ContentLanguage: 'en',
        Expires: expires,
        Metadata: { owner: 'ops', 'flow-id': '42' },
      }),
    );
    expect(put.ETag).toBe(`"${md5('{"ok":true}')}"`);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'docs/report.json' }));
    expect(await text(got)).toBe('{"ok":true}');
    expect(got).toMatchObject({
      ETag: put.ETag,
      ContentLength: 11,
      ContentType: 'application/json',
      ContentEncoding: 'identity',
      CacheControl: 'max-age=60',
      ContentDisposition: 'attachment; filename="report.json"',
      ContentLanguage: 'en',
      Expires: expires,
      Metadata: { owner: 'ops', 'flow-id': '42' },
      AcceptRanges: 'bytes',
      ServerSideEncryption: 'AES256',
    });
    expect(got.LastModified).toBeInstanceOf(Date);
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'docs/report.json' }));
    expect(head).toMatchObject({
      ETag: put.ETag,
      ContentLength: 11,
      ContentType: 'application/json',
      Metadata: got.Metadata,
    });
  });

  it('defaults Content-Type to binary/octet-stream and keeps unusual keys intact', async () => {
    const Bucket = await newBucket('keys');
    for (const Key of [
      'with space.txt',
      'plus+sign',
      'percent%20literal',
      'ünïcødé/日本.txt',
      'trailing/',
      'emoji/😀',
      'q?x=1&y',
    ]) {
      await s3.send(new PutObjectCommand({ Bucket, Key, Body: Key }));
      const got = await s3.send(new GetObjectCommand({ Bucket, Key }));
      expect(await text(got)).toBe(Key);
    }
    await s3.send(new PutObjectCommand({ Bucket, Key: 'folder/', Body: '' }));
    const folder = await s3.send(new GetObjectCommand({ Bucket, Key: 'folder/' }));
    expect(folder.ContentLength).toBe(0);
    expect(await text(folder)).toBe('');
    const res = await raw('PUT', `/${Bucket}/untyped`, {}, 'x');
    expect(res.status).toBe(200);
    expect((await s3.send(new HeadObjectCommand({ Bucket, Key: 'untyped' }))).ContentType).toBe(
      'binary/octet-stream',
    );
  });

  it('stores the decoded bytes of an aws-chunked streaming upload and serves a CRC32 the SDK validates', async () => {
    const Bucket = await newBucket('chunked');
    const parts = [Buffer.from('first chunk '), Buffer.alloc(70_000, 0x61), Buffer.from(' last')];
    const whole = Buffer.concat(parts);
    // A stream body makes the SDK send aws-chunked with a trailing x-amz-checksum-crc32.
    const put = await s3.send(
      new PutObjectCommand({
        Bucket,
        Key: 'stream.bin',
        Body: Readable.from(parts),
        ContentLength: whole.length,
      }),
    );
    expect(put.ETag).toBe(`"${md5(whole)}"`);
    expect(put.ChecksumCRC32).toBeDefined();
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'stream.bin' }));
    expect(got.ChecksumCRC32).toBe(put.ChecksumCRC32);
    expect(got.ContentEncoding).toBeUndefined();
    const bytes = Buffer.from(
      await (got.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
    );
    expect(bytes.equals(whole)).toBe(true);
  });

  it('verifies SHA256 and CRC32C checksums and rejects mismatches with BadDigest', async () => {
    const Bucket = await newBucket('sums');
    const sha = await s3.send(
      new PutObjectCommand({ Bucket, Key: 'sha', Body: 'payload', ChecksumAlgorithm: 'SHA256' }),
    );
    expect(sha.ChecksumSHA256).toBe(createHash('sha256').update('payload').digest('base64'));
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'sha', ChecksumMode: 'ENABLED' }));
    expect(got.ChecksumSHA256).toBe(sha.ChecksumSHA256);
    await got.Body!.transformToString();
    const c = await s3.send(
      new PutObjectCommand({ Bucket, Key: 'crc32c', Body: '123456789', ChecksumAlgorithm: 'CRC32C' }),
    );
    expect(Buffer.from(c.ChecksumCRC32C!, 'base64').readUInt32BE()).toBe(0xe3069283);
    await expect(
      s3.send(new PutObjectCommand({ Bucket, Key: 'bad', Body: 'payload', ChecksumCRC32: 'AAAAAA==' })),
    ).rejects.toMatchObject({
      name: 'BadDigest',
      message: 'The CRC32 you specified did not match the calculated checksum.',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      s3.send(
        new PutObjectCommand({
          Bucket,
          Key: 'bad',
          Body: 'payload',
          ContentMD5: Buffer.from(md5('other'), 'hex').toString('base64'),
        }),
      ),
    ).rejects.toMatchObject({
      name: 'BadDigest',
      message: 'The Content-MD5 you specified did not match what we received.',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      s3.send(new PutObjectCommand({ Bucket, Key: 'bad', Body: 'payload', ContentMD5: 'not-md5' })),
    ).rejects.toMatchObject({
      name: 'InvalidDigest',
      message: 'The Content-MD5 you specified was invalid.',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(s3.send(new HeadObjectCommand({ Bucket, Key: 'bad' }))).rejects.toMatchObject({
      name: 'NotFound',
    });
  });

  it('answers NoSuchKey (and a body-less 404 for HEAD)', async () => {
    const Bucket = await newBucket('nokey');
    await expect(s3.send(new GetObjectCommand({ Bucket, Key: 'absent' }))).rejects.toMatchObject({
      name: 'NoSuchKey',
      message: 'The specified key does not exist.',
      Key: 'absent',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(s3.send(new HeadObjectCommand({ Bucket, Key: 'absent' }))).rejects.toMatchObject({
      name: 'NotFound',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('rejects long keys, oversized metadata and unknown storage classes', async () => {
    const Bucket = await newBucket('limits');
    await expect(
      s3.send(new PutObjectCommand({ Bucket, Key: 'k'.repeat(1025), Body: 'x' })),
    ).rejects.toMatchObject({
      name: 'KeyTooLongError',
      message: 'Your key is too long',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      s3.send(new PutObjectCommand({ Bucket, Key: 'm', Body: 'x', Metadata: { big: 'v'.repeat(2100) } })),
    ).rejects.toMatchObject({
      name: 'MetadataTooLarge',
      message: 'Your metadata headers exceed the maximum allowed metadata size',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      s3.send(new PutObjectCommand({ Bucket, Key: 's', Body: 'x', StorageClass: 'SHELF' as never })),
    ).rejects.toMatchObject({
      name: 'InvalidStorageClass',
      message: 'The storage class you specified is not valid',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('deletes idempotently with 204 and removes the body file', async () => {
    const Bucket = await newBucket('del');
    await s3.send(new PutObjectCommand({ Bucket, Key: 'gone', Body: 'bye' }));
    const before = new Set(readdirSync(blobDir()));
    const first = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'gone' }));
    expect(first.$metadata.httpStatusCode).toBe(204);
    const again = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'gone' }));
    expect(again.$metadata.httpStatusCode).toBe(204);
    await expect(s3.send(new GetObjectCommand({ Bucket, Key: 'gone' }))).rejects.toMatchObject({
      name: 'NoSuchKey',
    });
    await expect.poll(() => readdirSync(blobDir()).length).toBe(before.size - 1);
  });

  it('replaces the body on overwrite and deletes the old file', async () => {
    const Bucket = await newBucket('over');
    await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'one' }));
    const count = readdirSync(blobDir()).length;
    await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'two' }));
    expect(await text(await s3.send(new GetObjectCommand({ Bucket, Key: 'k' })))).toBe('two');
    await expect.poll(() => readdirSync(blobDir()).length).toBe(count);
  });
});

describe('S3 ranges', () => {
  it('serves bytes=a-b, a- and -n as 206 with Content-Range', async () => {
    const Bucket = await newBucket('range');
    await s3.send(new PutObjectCommand({ Bucket, Key: 'digits', Body: '0123456789' }));
    const cases: [string, string, string][] = [
      ['bytes=2-5', '2345', 'bytes 2-5/10'],
      ['bytes=7-', '789', 'bytes 7-9/10'],
      ['bytes=-3', '789', 'bytes 7-9/10'],
      ['bytes=8-100', '89', 'bytes 8-9/10'],
      ['bytes=-50', '0123456789', 'bytes 0-9/10'],
    ];
    for (const [Range, body, contentRange] of cases) {
      const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'digits', Range }));
      expect(got.$metadata.httpStatusCode).toBe(206);
      expect(got.ContentRange).toBe(contentRange);
      expect(got.ContentLength).toBe(body.length);
      expect(await text(got)).toBe(body);
    }
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'digits', Range: 'bytes=0-0' }));
    expect(head).toMatchObject({
      ContentLength: 1,
      ContentRange: 'bytes 0-0/10',
      $metadata: { httpStatusCode: 206 },
    });
    // A range S3 cannot parse is ignored: the whole object comes back with 200.
    const ignored = await s3.send(new GetObjectCommand({ Bucket, Key: 'digits', Range: 'bytes=5-2' }));
    expect(ignored.$metadata.httpStatusCode).toBe(200);
    expect(await text(ignored)).toBe('0123456789');
  });

  it('answers InvalidRange 416 for a range past the end', async () => {
    const Bucket = await newBucket('badrange');
    await s3.send(new PutObjectCommand({ Bucket, Key: 'digits', Body: '0123456789' }));
    for (const Range of ['bytes=10-', 'bytes=20-30', 'bytes=-0']) {
      await expect(s3.send(new GetObjectCommand({ Bucket, Key: 'digits', Range }))).rejects.toMatchObject({
        name: 'InvalidRange',
        message: 'The requested range is not satisfiable',
        RangeRequested: Range,
        ActualObjectSize: '10',
        $metadata: { httpStatusCode: 416 },
      });
    }
  });
});

describe('S3 streaming bodies', () => {
  it('streams a 5 MB upload to disk as it arrives and streams it back', async () => {
    const Bucket = await newBucket('big');
    const size = 5 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024);
    const hash = createHash('md5');
    const dir = blobDir();
    const before = new Set(readdirSync(dir));
    let sent = 0;
    let sawPartialFile = false;
    // Half the body goes out, then the upload waits until the server has put those bytes in a
    // file: proof that the body is written while it streams, not buffered until the end.
    const body = new Readable({
      async read() {
        if (sent === size / 2 && !sawPartialFile) {
          await expect
            .poll(() => {
              const fresh = readdirSync(dir).filter((f) => !before.has(f));
              return fresh.some((f) => statSync(join(dir, f)).size >= size / 4);
            })
            .toBe(true);
          sawPartialFile = true;
        }
        if (sent >= size) {
          this.push(null);
          return;
        }
        for (let i = 0; i < chunk.length; i++) chunk[i] = (sent + i) % 251;
        const piece = Buffer.from(chunk);
        hash.update(piece);
        sent += piece.length;
        this.push(piece);
      },
    });
    const put = await s3.send(
      new PutObjectCommand({ Bucket, Key: 'big.bin', Body: body, ContentLength: size }),
    );
    expect(sawPartialFile).toBe(true);
    const digest = hash.digest('hex');
    expect(put.ETag).toBe(`"${digest}"`);
    // The stored file holds exactly the object's bytes (no aws-chunked framing).
    const stored = readdirSync(dir).filter((f) => !before.has(f));
    expect(stored).toHaveLength(1);
    expect(md5(readFileSync(join(dir, stored[0])))).toBe(digest);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'big.bin' }));
    expect(got.ContentLength).toBe(size);
    const back = createHash('md5');
    for await (const piece of got.Body as Readable) back.update(piece as Buffer);
    expect(back.digest('hex')).toBe(digest);
    const tail = await s3.send(new GetObjectCommand({ Bucket, Key: 'big.bin', Range: `bytes=${size - 4}-` }));
    expect([...(await tail.Body!.transformToByteArray())]).toEqual(
      [0, 1, 2, 3].map((i) => (size - 4 + i) % 251),
    );
  });
});
