// S3 notifications across a restart: an object event accepted but not yet handed to its queue
// (the cloud stopped or was killed in between) is delivered when the cloud starts again.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutBucketNotificationConfigurationCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalCloud } from '../../src/local/index.js';
import { newBucket, s3Client } from './s3Helpers.js';
import { serviceSendPolicy, sqsClient, uniqueQueue } from './sqsHelpers.js';

const dataDir = mkdtempSync(join(tmpdir(), 'faas-s3-notify-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('S3 notification durability', () => {
  it('delivers after a restart an event whose hand-over to the queue had not finished', async () => {
    const first = await startLocalCloud({ port: 0, dataDir });
    const s3 = s3Client(first.endpoint);
    const Bucket = await newBucket(s3, 'pending');
    const QueueName = uniqueQueue('s3-pending');
    const { QueueUrl } = await sqsClient(first.endpoint).send(
      new CreateQueueCommand({
        QueueName,
        Attributes: { Policy: serviceSendPolicy(QueueName, 's3.amazonaws.com') },
      }),
    );
    await s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket,
        NotificationConfiguration: {
          QueueConfigurations: [
            { QueueArn: `arn:aws:sqs:us-east-1:000000000000:${QueueName}`, Events: ['s3:ObjectCreated:*'] },
          ],
        },
      }),
    );
    // From here on SQS takes the message and never answers: the notification stays pending.
    const sqs = first.cloud.api('sqs');
    first.cloud.provide('sqs', { ...sqs, send: () => new Promise(() => {}) });
    await s3.send(new PutObjectCommand({ Bucket, Key: 'late.txt', Body: 'x' }));
    await first.stop();

    const second = await startLocalCloud({ port: 0, dataDir });
    try {
      const client = sqsClient(second.endpoint);
      const url = QueueUrl!.replace(first.endpoint, second.endpoint);
      const bodies: string[] = [];
      // The TestEvent of the put, then the object event redelivered at start.
      for (let i = 0; bodies.length < 2 && i < 10; i++) {
        const out = await client.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 1 }));
        bodies.push(...(out.Messages ?? []).map((m) => m.Body!));
      }
      expect(bodies).toHaveLength(2);
      const event = JSON.parse(bodies.find((b) => b.includes('"Records"'))!);
      expect(event.Records[0]).toMatchObject({
        eventName: 'ObjectCreated:Put',
        s3: { bucket: { name: Bucket }, object: { key: 'late.txt', size: 1 } },
      });
      expect(
        second.cloud
          .api('s3')
          .notifications()
          .map((d) => d.outcome),
      ).toEqual(['delivered']);
    } finally {
      await second.stop();
    }
  });
});
