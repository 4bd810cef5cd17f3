// S3 buckets through the real SDK client: lifecycle, naming and LocationConstraint rules,
// ListBuckets paging, and path-style vs virtual-host-style addressing.

import {
  CreateBucketCommand,
  DeleteBucketCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local/index.js';
import { useLocalCloud } from '../helpers/localCloud.js';
import { newBucket as createBucket, md5, rawRequest, s3Client, uniqueBucket } from './s3Helpers.js';

let local: LocalCloud;
let s3: S3Client;
const bucketName = uniqueBucket;
const client = (region = 'us-east-1') => s3Client(local.endpoint, region);
const newBucket = (label: string) => createBucket(s3, label);
const raw = (method: string, path: string, headers: Record<string, string>, body?: string) =>
  rawRequest(local, method, path, headers, body);

useLocalCloud((l) => {
  local = l;
  s3 = client();
});

describe('S3 buckets', () => {
  it('creates, heads, lists and deletes a bucket', async () => {
    const Bucket = bucketName('life');
    const created = await s3.send(new CreateBucketCommand({ Bucket }));
    expect(created.Location).toBe(`/${Bucket}`);
    const head = await s3.send(new HeadBucketCommand({ Bucket }));
    expect(head.BucketRegion).toBe('us-east-1');
    const listed = await s3.send(new ListBucketsCommand({}));
    expect(listed.Buckets?.map((b) => b.Name)).toContain(Bucket);
    expect(listed.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
    await s3.send(new DeleteBucketCommand({ Bucket }));
    await expect(s3.send(new HeadBucketCommand({ Bucket }))).rejects.toMatchObject({
      name: 'NotFound',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('rejects invalid bucket names with InvalidBucketName', async () => {
    for (const Bucket of [
      'ab',
      'Upper-Case',
      'under_score',
      '-start',
      'end-',
      'a..b',
      '192.168.1.1',
      'xn--abc',
      'x'.repeat(64),
    ]) {
      await expect(s3.send(new CreateBucketCommand({ Bucket }))).rejects.toMatchObject({
        name: 'InvalidBucketName',
        message: 'The specified bucket is not valid.',
        $metadata: { httpStatusCode: 400 },
      });
    }
  });

  it('answers BucketAlreadyOwnedByYou outside us-east-1 and succeeds again in us-east-1 (legacy)', async () => {
    const eu = client('eu-west-1');
    const Bucket = bucketName('owned');
    await eu.send(
      new CreateBucketCommand({ Bucket, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }),
    );
    await expect(
      eu.send(
        new CreateBucketCommand({ Bucket, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }),
      ),
    ).rejects.toMatchObject({
      name: 'BucketAlreadyOwnedByYou',
      message: 'Your previous request to create the named bucket succeeded and you already own it.',
      $metadata: { httpStatusCode: 409 },
    });
    const east = await newBucket('east');
    await expect(s3.send(new CreateBucketCommand({ Bucket: east }))).resolves.toMatchObject({
      $metadata: { httpStatusCode: 200 },
    });
  });

  it('places buckets by LocationConstraint and reports it', async () => {
    const eu = client('eu-west-1');
    const Bucket = bucketName('located');
    await eu.send(
      new CreateBucketCommand({ Bucket, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }),
    );
    expect((await eu.send(new GetBucketLocationCommand({ Bucket }))).LocationConstraint).toBe('eu-west-1');
    expect((await eu.send(new HeadBucketCommand({ Bucket }))).BucketRegion).toBe('eu-west-1');
    const east = await newBucket('plain');
    expect(
      (await s3.send(new GetBucketLocationCommand({ Bucket: east }))).LocationConstraint,
    ).toBeUndefined();
    // The wire shape is AWS's: the constraint is the root element's text.
    const res = await raw('GET', `/${Bucket}?location`, {});
    expect(res.body).toContain(
      '<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">eu-west-1</LocationConstraint>',
    );
  });

  it('rejects LocationConstraints that do not fit the endpoint region', async () => {
    await expect(
      s3.send(
        new CreateBucketCommand({
          Bucket: bucketName('lc'),
          CreateBucketConfiguration: { LocationConstraint: 'us-east-1' as never },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidLocationConstraint',
      message: 'The specified location-constraint is not valid',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      s3.send(
        new CreateBucketCommand({
          Bucket: bucketName('lc'),
          CreateBucketConfiguration: { LocationConstraint: 'mars-1' as never },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidLocationConstraint', $metadata: { httpStatusCode: 400 } });
    // The SDK fills in the client's region as LocationConstraint, so the unspecified case goes raw.
    const unspecified = await raw('PUT', `/${bucketName('lc')}`, {
      authorization:
        'AWS4-HMAC-SHA256 Credential=test/20260101/eu-west-1/s3/aws4_request, SignedHeaders=host, Signature=0',
    });
    expect(unspecified.status).toBe(400);
    expect(unspecified.body).toContain('<Code>IllegalLocationConstraintException</Code>');
    expect(unspecified.body).toContain(
      '<Message>The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.</Message>',
    );
    const eu = client('eu-west-1');
    await expect(
      eu.send(
        new CreateBucketCommand({
          Bucket: bucketName('lc'),
          CreateBucketConfiguration: { LocationConstraint: 'us-west-2' },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'IllegalLocationConstraintException',
      message:
        'The us-west-2 location constraint is incompatible for the region specific endpoint this request was sent to.',
    });
  });

  it('refuses to delete a bucket that still holds objects', async () => {
    const Bucket = await newBucket('full');
    await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x' }));
    await expect(s3.send(new DeleteBucketCommand({ Bucket }))).rejects.toMatchObject({
      name: 'BucketNotEmpty',
      message: 'The bucket you tried to delete is not empty',
      BucketName: Bucket,
      $metadata: { httpStatusCode: 409 },
    });
  });

  it('answers NoSuchBucket with the bucket name for operations on a missing bucket', async () => {
    const Bucket = bucketName('missing');
    for (const command of [
      new DeleteBucketCommand({ Bucket }),
      new GetBucketLocationCommand({ Bucket }),
      new GetBucketPolicyCommand({ Bucket }),
      new PutObjectCommand({ Bucket, Key: 'k', Body: 'x' }),
    ]) {
      await expect(s3.send(command as never)).rejects.toMatchObject({
        name: 'NoSuchBucket',
        message: 'The specified bucket does not exist',
        BucketName: Bucket,
        $metadata: { httpStatusCode: 404 },
      });
    }
  });

  it('pages ListBuckets with prefix and max-buckets', async () => {
    const prefix = bucketName('page');
    for (const n of [1, 2, 3]) await s3.send(new CreateBucketCommand({ Bucket: `${prefix}-${n}` }));
    const first = await s3.send(new ListBucketsCommand({ Prefix: prefix, MaxBuckets: 2 }));
    expect(first.Buckets?.map((b) => b.Name)).toEqual([`${prefix}-1`, `${prefix}-2`]);
    expect(first.ContinuationToken).toBeDefined();
    const second = await s3.send(
      new ListBucketsCommand({ Prefix: prefix, MaxBuckets: 2, ContinuationToken: first.ContinuationToken }),
    );
    expect(second.Buckets?.map((b) => b.Name)).toEqual([`${prefix}-3`]);
    expect(second.ContinuationToken).toBeUndefined();
  });
});

describe('S3 addressing', () => {
  it('serves virtual-host-style requests by moving the bucket from Host into the path', async () => {
    const Bucket = await newBucket('vhost');
    const put = await raw(
      'PUT',
      '/docs/hello%20world.txt',
      { host: `${Bucket}.s3.localhost:${local.port}`, 'content-type': 'text/plain' },
      'hi there',
    );
    expect(put.status).toBe(200);
    expect(put.headers.etag).toBe(`"${md5('hi there')}"`);
    const get = await raw('GET', '/docs/hello%20world.txt', { host: `${Bucket}.localhost:${local.port}` });
    expect(get).toMatchObject({ status: 200, body: 'hi there' });
    expect(get.headers['content-type']).toBe('text/plain');
    const list = await raw('GET', '/?list-type=2&prefix=docs/', {
      host: `${Bucket}.s3.us-east-1.amazonaws.com`,
    });
    expect(list.body).toContain('<Key>docs/hello world.txt</Key>');
    expect(list.body).toContain(`<Name>${Bucket}</Name>`);
  });

  it('keeps dot segments in keys instead of resolving them', async () => {
    const Bucket = await newBucket('dots');
    expect((await raw('PUT', `/${Bucket}/a/../b`, {}, 'dots')).status).toBe(200);
    const list = await raw('GET', `/${Bucket}?list-type=2`, {});
    expect(list.body).toContain('<Key>a/../b</Key>');
  });

  it('tells apart operations that share a URI template by their required query and headers', async () => {
    const Bucket = await newBucket('route');
    const notImplemented = async (method: string, path: string, headers: Record<string, string> = {}) => {
      const res = await raw(method, path, headers);
      expect(res.status).toBe(501);
      return /<Message>(\S+) is not implemented/.exec(res.body)?.[1];
    };
    expect(await notImplemented('PUT', `/${Bucket}/k?partNumber=1&uploadId=u`)).toBe('UploadPart');
    expect(await notImplemented('PUT', `/${Bucket}/k`, { 'x-amz-copy-source': `/${Bucket}/other` })).toBe(
      'CopyObject',
    );
    expect(
      await notImplemented('PUT', `/${Bucket}/k?partNumber=1&uploadId=u`, {
        'x-amz-copy-source': `/${Bucket}/o`,
      }),
    ).toBe('UploadPartCopy');
    expect(await notImplemented('GET', `/${Bucket}/k?uploadId=u`)).toBe('ListParts');
    expect(await notImplemented('DELETE', `/${Bucket}/k?uploadId=u`)).toBe('AbortMultipartUpload');
    expect(await notImplemented('GET', `/?x-id=ListDirectoryBuckets`)).toBe('ListDirectoryBuckets');
    // Without those, the plain object operations answer.
    expect((await raw('PUT', `/${Bucket}/k`, {}, 'body')).status).toBe(200);
    expect((await raw('GET', `/${Bucket}/k`, {})).body).toBe('body');
    expect((await raw('GET', '/', {})).body).toContain('<ListAllMyBucketsResult');
    expect((await raw('GET', `/${Bucket}`, {})).body).toContain('<Marker></Marker>');
    expect((await raw('HEAD', `/${Bucket}`, {})).status).toBe(200);
    expect((await raw('DELETE', `/${Bucket}/k`, {})).status).toBe(204);
  });
});
