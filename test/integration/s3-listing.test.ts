import {
  CreateBucketCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { useLocalCloud } from '../helpers/localCloud.js';

let s3: S3Client;
let seq = 0;

useLocalCloud((l) => {
  s3 = new S3Client({
    endpoint: l.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});

const bucketWith = async (label: string, keys: string[]) => {
  const Bucket = `${label}-${Date.now().toString(36)}-${seq++}`;
  await s3.send(new CreateBucketCommand({ Bucket }));
  await Promise.all(keys.map((Key) => s3.send(new PutObjectCommand({ Bucket, Key, Body: Key }))));
  return Bucket;
};

const TREE = [
  'photos/2024/a.jpg',
  'photos/2024/b.jpg',
  'photos/2025/c.jpg',
  'photos/index.html',
  'readme.md',
  'videos/x.mp4',
  'zz-last',
];

describe('S3 ListObjectsV2', () => {
  it('lists keys in order with sizes, ETags and KeyCount', async () => {
    const Bucket = await bucketWith('all', [...TREE].reverse());
    const out = await s3.send(new ListObjectsV2Command({ Bucket }));
    expect(out.Contents?.map((o) => o.Key)).toEqual(TREE);
    expect(out).toMatchObject({
      Name: Bucket,
      KeyCount: TREE.length,
      MaxKeys: 1000,
      IsTruncated: false,
      Prefix: '',
    });
    expect(out.Contents![4]).toMatchObject({ Key: 'readme.md', Size: 9, StorageClass: 'STANDARD' });
    expect(out.Contents![4].ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(out.Contents![4].Owner).toBeUndefined();
    const withOwner = await s3.send(new ListObjectsV2Command({ Bucket, FetchOwner: true, MaxKeys: 1 }));
    expect(withOwner.Contents![0].Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rolls keys up into CommonPrefixes with a delimiter', async () => {
    const Bucket = await bucketWith('delim', TREE);
    const top = await s3.send(new ListObjectsV2Command({ Bucket, Delimiter: '/' }));
    expect(top.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['photos/', 'videos/']);
    expect(top.Contents?.map((o) => o.Key)).toEqual(['readme.md', 'zz-last']);
    expect(top.KeyCount).toBe(4);
    const photos = await s3.send(new ListObjectsV2Command({ Bucket, Delimiter: '/', Prefix: 'photos/' }));
    expect(photos.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['photos/2024/', 'photos/2025/']);
    expect(photos.Contents?.map((o) => o.Key)).toEqual(['photos/index.html']);
    expect(photos.Prefix).toBe('photos/');
    expect(photos.Delimiter).toBe('/');
    const none = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'nothing/' }));
    expect(none.Contents).toBeUndefined();
    expect(none.KeyCount).toBe(0);
  });

  it('pages with max-keys and continuation tokens, counting common prefixes as keys', async () => {
    const Bucket = await bucketWith('pages', TREE);
    const pages: ListObjectsV2CommandOutput[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket, Delimiter: '/', MaxKeys: 1, ContinuationToken: token }),
      );
      pages.push(page);
      token = page.NextContinuationToken;
      expect(page.ContinuationToken).toBe(pages.length > 1 ? pages.at(-2)!.NextContinuationToken : undefined);
    } while (token);
    expect(
      pages.map((p) => [
        ...(p.CommonPrefixes ?? []).map((c) => c.Prefix),
        ...(p.Contents ?? []).map((c) => c.Key),
      ]),
    ).toEqual([['photos/'], ['readme.md'], ['videos/'], ['zz-last']]);
    expect(pages.map((p) => p.IsTruncated)).toEqual([true, true, true, false]);
    expect(pages.every((p) => p.KeyCount === 1)).toBe(true);
    const two = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'photos/', MaxKeys: 2 }));
    const rest = await s3.send(
      new ListObjectsV2Command({
        Bucket,
        Prefix: 'photos/',
        MaxKeys: 2,
        ContinuationToken: two.NextContinuationToken,
      }),
    );
    expect([...two.Contents!, ...rest.Contents!].map((o) => o.Key)).toEqual(TREE.slice(0, 4));
    expect(rest.IsTruncated).toBe(false);
  });

  it('starts after StartAfter and caps max-keys at 1000', async () => {
    const Bucket = await bucketWith('after', TREE);
    const out = await s3.send(new ListObjectsV2Command({ Bucket, StartAfter: 'photos/index.html' }));
    expect(out.Contents?.map((o) => o.Key)).toEqual(['readme.md', 'videos/x.mp4', 'zz-last']);
    expect(out.StartAfter).toBe('photos/index.html');
    const capped = await s3.send(new ListObjectsV2Command({ Bucket, MaxKeys: 5000 }));
    expect(capped.MaxKeys).toBe(1000);
    const zero = await s3.send(new ListObjectsV2Command({ Bucket, MaxKeys: 0 }));
    expect(zero).toMatchObject({ KeyCount: 0, IsTruncated: false });
  });

  it('pages through more than 1000 keys', async () => {
    const keys = Array.from({ length: 1205 }, (_, i) => `k/${String(i).padStart(5, '0')}`);
    const Bucket = await bucketWith('many', keys);
    const first = await s3.send(new ListObjectsV2Command({ Bucket }));
    expect(first).toMatchObject({ KeyCount: 1000, IsTruncated: true });
    const second = await s3.send(
      new ListObjectsV2Command({ Bucket, ContinuationToken: first.NextContinuationToken }),
    );
    expect(second).toMatchObject({ KeyCount: 205, IsTruncated: false });
    expect(second.Contents!.at(-1)!.Key).toBe('k/01204');
  });

  it('orders keys by UTF-8 bytes, not UTF-16 code units', async () => {
    // U+FF5E (3 UTF-8 bytes, EF BD 9E) sorts before U+1F600 (4 bytes, F0 9F 98 80), though its
    // UTF-16 unit (FF5E) is above the emoji's high surrogate (D83D).
    const Bucket = await bucketWith('utf8', ['😀', '～', 'a', 'é', 'Z']);
    const out = await s3.send(new ListObjectsV2Command({ Bucket }));
    expect(out.Contents?.map((o) => o.Key)).toEqual(['Z', 'a', 'é', '～', '😀']);
  });

  it('url-encodes keys and prefixes with encoding-type=url', async () => {
    const Bucket = await bucketWith('enc', ['dir one/file (1).txt', 'dir one/sub/x']);
    const out = await s3.send(
      new ListObjectsV2Command({ Bucket, EncodingType: 'url', Prefix: 'dir one/', Delimiter: '/' }),
    );
    expect(out.EncodingType).toBe('url');
    expect(out.Contents?.map((o) => o.Key)).toEqual(['dir%20one/file%20%281%29.txt']);
    expect(out.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['dir%20one/sub/']);
    expect(out.Prefix).toBe('dir%20one/');
  });

  it('rejects bad max-keys, encoding types and continuation tokens with InvalidArgument', async () => {
    const Bucket = await bucketWith('bad', ['k']);
    await expect(s3.send(new ListObjectsV2Command({ Bucket, MaxKeys: -1 }))).rejects.toMatchObject({
      name: 'InvalidArgument',
      message: 'Argument maxKeys must be an integer between 0 and 2147483647',
      ArgumentName: 'maxKeys',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      s3.send(new ListObjectsV2Command({ Bucket, EncodingType: 'base64' as never })),
    ).rejects.toMatchObject({
      name: 'InvalidArgument',
      message: 'Invalid Encoding Method specified in Request',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      s3.send(new ListObjectsV2Command({ Bucket, ContinuationToken: 'garbage' })),
    ).rejects.toMatchObject({
      name: 'InvalidArgument',
      message: 'The continuation token provided is incorrect',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('answers NoSuchBucket for a missing bucket', async () => {
    await expect(s3.send(new ListObjectsV2Command({ Bucket: 'no-such-bucket-here' }))).rejects.toMatchObject({
      name: 'NoSuchBucket',
      BucketName: 'no-such-bucket-here',
      $metadata: { httpStatusCode: 404 },
    });
  });
});

describe('S3 ListObjects (v1)', () => {
  it('pages by Marker, with NextMarker only when a delimiter is used, and shows owners', async () => {
    const Bucket = await bucketWith('v1', TREE);
    const first = await s3.send(new ListObjectsCommand({ Bucket, MaxKeys: 3 }));
    expect(first.Contents?.map((o) => o.Key)).toEqual(TREE.slice(0, 3));
    expect(first.IsTruncated).toBe(true);
    expect(first.NextMarker).toBeUndefined();
    expect(first.Contents![0].Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
    const next = await s3.send(new ListObjectsCommand({ Bucket, Marker: first.Contents!.at(-1)!.Key }));
    expect(next.Contents?.map((o) => o.Key)).toEqual(TREE.slice(3));
    expect(next.Marker).toBe(TREE[2]);
    const delimited = await s3.send(new ListObjectsCommand({ Bucket, Delimiter: '/', MaxKeys: 1 }));
    expect(delimited.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['photos/']);
    expect(delimited.NextMarker).toBe('photos/');
    const after = await s3.send(
      new ListObjectsCommand({ Bucket, Delimiter: '/', Marker: delimited.NextMarker }),
    );
    expect(after.Contents?.map((o) => o.Key)).toEqual(['readme.md', 'zz-last']);
    expect(after.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['videos/']);
  });
});
