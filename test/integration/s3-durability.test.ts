import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetBucketNotificationConfigurationCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutBucketNotificationConfigurationCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalCloud } from '../../src/local/index.js';
import { spawnLocalCloud } from '../helpers/localProcess.js';

const dataDir = mkdtempSync(join(tmpdir(), 'faas-s3-durable-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const clientFor = (local: { endpoint: string }) =>
  new S3Client({
    endpoint: local.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });

describe('S3 durability', () => {
  const Bucket = `durable-${Date.now().toString(36)}`;
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${Bucket}/*` },
    ],
  });
  const notification = {
    QueueConfigurations: [
      {
        Id: 'images',
        QueueArn: 'arn:aws:sqs:us-east-1:000000000000:q',
        Events: ['s3:ObjectCreated:*' as const],
        Filter: { Key: { FilterRules: [{ Name: 'prefix' as const, Value: 'images/' }] } },
      },
    ],
  };

  it('keeps objects and bucket configuration across a restart on the same data directory', async () => {
    const first = await startLocalCloud({ port: 0, dataDir });
    const s3 = clientFor(first);
    await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(new PutBucketPolicyCommand({ Bucket, Policy: policy }));
    await s3.send(
      new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: [{ Key: 'faas:flow', Value: 'uploads' }] } }),
    );
    await s3.send(
      new PutPublicAccessBlockCommand({ Bucket, PublicAccessBlockConfiguration: { BlockPublicAcls: true } }),
    );
    await s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket,
        NotificationConfiguration: notification,
        // The queue ARN names no queue: store it without the destination check.
        SkipDestinationValidation: true,
      }),
    );
    await s3.send(
      new PutObjectCommand({
        Bucket,
        Key: 'kept.txt',
        Body: 'kept',
        ContentType: 'text/plain',
        Metadata: { a: 'b' },
      }),
    );
    await s3.send(new PutObjectCommand({ Bucket, Key: 'over.txt', Body: 'old' }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'over.txt', Body: 'new' }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'gone.txt', Body: 'gone' }));
    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'gone.txt' }));
    await s3.send(
      new PutObjectCommand({
        Bucket,
        Key: 'images/streamed.bin',
        Body: Readable.from([Buffer.alloc(200_000, 3)]),
        ContentLength: 200_000,
      }),
    );
    const blobs = first.cloud.persistence.blobDir('s3', first.cloud.tempDir);
    await first.stop();

    // A body left behind by a crash between blob write and commit is swept at the next start.
    writeFileSync(join(blobs, 'orphan-from-a-crash'), 'junk');

    const second = await startLocalCloud({ port: 0, dataDir });
    try {
      const again = clientFor(second);
      const listed = await again.send(new ListObjectsV2Command({ Bucket }));
      expect(listed.Contents?.map((o) => o.Key)).toEqual(['images/streamed.bin', 'kept.txt', 'over.txt']);
      const kept = await again.send(new GetObjectCommand({ Bucket, Key: 'kept.txt' }));
      expect(await kept.Body!.transformToString()).toBe('kept');
      expect(kept).toMatchObject({ ContentType: 'text/plain', Metadata: { a: 'b' } });
      expect(
        await (await again.send(new GetObjectCommand({ Bucket, Key: 'over.txt' }))).Body!.transformToString(),
      ).toBe('new');
      expect(
        (await again.send(new HeadObjectCommand({ Bucket, Key: 'images/streamed.bin' }))).ContentLength,
      ).toBe(200_000);
      await expect(again.send(new HeadObjectCommand({ Bucket, Key: 'gone.txt' }))).rejects.toMatchObject({
        name: 'NotFound',
      });
      expect((await again.send(new GetBucketPolicyCommand({ Bucket }))).Policy).toBe(policy);
      expect((await again.send(new GetBucketTaggingCommand({ Bucket }))).TagSet).toEqual([
        { Key: 'faas:flow', Value: 'uploads' },
      ]);
      expect(
        (await again.send(new GetPublicAccessBlockCommand({ Bucket }))).PublicAccessBlockConfiguration,
      ).toMatchObject({
        BlockPublicAcls: true,
        BlockPublicPolicy: false,
      });
      expect(
        (await again.send(new GetBucketNotificationConfigurationCommand({ Bucket }))).QueueConfigurations,
      ).toEqual(notification.QueueConfigurations);
      // Only the three live bodies remain: replaced, deleted and orphaned files are gone.
      await expect.poll(() => readdirSync(blobs).sort().length).toBe(3);
    } finally {
      await second.stop();
    }

    // The second start compacted the journal into a snapshot: a third start restores from it.
    const third = await startLocalCloud({ port: 0, dataDir });
    try {
      const s3third = clientFor(third);
      const listed = await s3third.send(new ListObjectsV2Command({ Bucket }));
      expect(listed.Contents?.map((o) => o.Key)).toEqual(['images/streamed.bin', 'kept.txt', 'over.txt']);
      expect(
        await (
          await s3third.send(new GetObjectCommand({ Bucket, Key: 'over.txt' }))
        ).Body!.transformToString(),
      ).toBe('new');
      expect((await s3third.send(new GetBucketTaggingCommand({ Bucket }))).TagSet).toHaveLength(1);
    } finally {
      await third.stop();
    }
  });

  it('keeps every acknowledged object after kill -9', async () => {
    const killDir = mkdtempSync(join(tmpdir(), 'faas-s3-kill9-'));
    try {
      const proc = await spawnLocalCloud(killDir, ['--quiet']);
      const s3 = clientFor(proc);
      const KillBucket = `kill9-${Date.now().toString(36)}`;
      await s3.send(new CreateBucketCommand({ Bucket: KillBucket }));
      await s3.send(
        new PutBucketTaggingCommand({ Bucket: KillBucket, Tagging: { TagSet: [{ Key: 'k', Value: 'v' }] } }),
      );
      const keys = Array.from({ length: 50 }, (_, i) => `obj/${i}`);
      await Promise.all(
        keys.map((Key) => s3.send(new PutObjectCommand({ Bucket: KillBucket, Key, Body: `body ${Key}` }))),
      );
      await s3.send(
        new PutObjectCommand({
          Bucket: KillBucket,
          Key: 'big',
          Body: Readable.from([Buffer.alloc(1_000_000, 9)]),
          ContentLength: 1_000_000,
        }),
      );
      await proc.kill9();

      const after = await startLocalCloud({ port: 0, dataDir: killDir });
      try {
        const again = clientFor(after);
        const listed = await again.send(new ListObjectsV2Command({ Bucket: KillBucket }));
        expect(listed.KeyCount).toBe(51);
        for (const Key of [keys[0], keys[49]]) {
          const got = await again.send(new GetObjectCommand({ Bucket: KillBucket, Key }));
          expect(await got.Body!.transformToString()).toBe(`body ${Key}`);
        }
        const big = await again.send(new GetObjectCommand({ Bucket: KillBucket, Key: 'big' }));
        expect((await big.Body!.transformToByteArray()).every((b) => b === 9)).toBe(true);
        expect((await again.send(new GetBucketTaggingCommand({ Bucket: KillBucket }))).TagSet).toEqual([
          { Key: 'k', Value: 'v' },
        ]);
      } finally {
        await after.stop();
      }
    } finally {
      rmSync(killDir, { recursive: true, force: true });
    }
  });
});
