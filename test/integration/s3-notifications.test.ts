// S3 bucket notification configuration through the real SDK client: stored queue configurations,
// the notification events recorded for matching object changes, and invalid configurations.

import {
  GetBucketNotificationConfigurationCommand,
  PutBucketNotificationConfigurationCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { newBucket as createBucket, local, md5, s3, useS3Cloud } from './s3Helpers.js';

useS3Cloud();
const newBucket = (label: string) => createBucket(s3, label);

describe('S3 notification configuration', () => {
  const queueArn = 'arn:aws:sqs:us-east-1:000000000000:thumbnails';

  it('stores queue configurations with events and filter rules, and returns them', async () => {
    const Bucket = await newBucket('notify');
    expect(await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket }))).not.toHaveProperty(
      'QueueConfigurations',
    );
    await s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket,
        // The queue ARN names no queue: store it without the destination check.
        SkipDestinationValidation: true,
        NotificationConfiguration: {
          QueueConfigurations: [
            {
              Id: 'images',
              QueueArn: queueArn,
              Events: ['s3:ObjectCreated:*'],
              Filter: {
                Key: {
                  FilterRules: [
                    { Name: 'prefix', Value: 'images/' },
                    { Name: 'suffix', Value: '.png' },
                  ],
                },
              },
            },
            { QueueArn: queueArn, Events: ['s3:ObjectRemoved:Delete'] },
          ],
        },
      }),
    );
    const got = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket }));
    expect(got.QueueConfigurations).toHaveLength(2);
    expect(got.QueueConfigurations![0]).toEqual({
      Id: 'images',
      QueueArn: queueArn,
      Events: ['s3:ObjectCreated:*'],
      Filter: {
        Key: {
          FilterRules: [
            { Name: 'prefix', Value: 'images/' },
            { Name: 'suffix', Value: '.png' },
          ],
        },
      },
    });
    // AWS generates an Id for a configuration sent without one.
    expect(got.QueueConfigurations![1].Id).toMatch(/\S+/);
    // An empty configuration turns notifications off.
    await s3.send(new PutBucketNotificationConfigurationCommand({ Bucket, NotificationConfiguration: {} }));
    expect(
      (await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket }))).QueueConfigurations,
    ).toBeUndefined();
  });

  it('records an event for each matching object change, and a test event per queue', async () => {
    const Bucket = await newBucket('events');
    await s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket,
        // The queue ARN names no queue: store it without the destination check.
        SkipDestinationValidation: true,
        NotificationConfiguration: {
          QueueConfigurations: [
            {
              Id: 'img',
              QueueArn: queueArn,
              Events: ['s3:ObjectCreated:Put'],
              Filter: { Key: { FilterRules: [{ Name: 'Prefix' as never, Value: 'images/' }] } },
            },
          ],
        },
      }),
    );
    await s3.send(new PutObjectCommand({ Bucket, Key: 'images/my cat.png', Body: 'png' }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'thumbnails/my cat.png', Body: 'png' }));
    const mine = local.cloud
      .api('s3')
      .notifications()
      .filter((d) => d.bucket === Bucket);
    expect(mine.map((d) => d.eventName)).toEqual(['s3:TestEvent', 's3:ObjectCreated:Put']);
    expect(JSON.parse(mine[0].body)).toMatchObject({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket });
    const record = JSON.parse(mine[1].body).Records[0];
    expect(mine[1].destinationArn).toBe(queueArn);
    expect(record).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventName: 'ObjectCreated:Put',
      s3: {
        configurationId: 'img',
        bucket: { name: Bucket, arn: `arn:aws:s3:::${Bucket}` },
        object: { key: 'images/my+cat.png', size: 3, eTag: md5('png') },
      },
    });
  });

  it('rejects bad event names, filter rule names, ARNs and overlapping configurations with InvalidArgument', async () => {
    const Bucket = await newBucket('badnotify');
    const put = (QueueConfigurations: object[]) =>
      s3.send(
        new PutBucketNotificationConfigurationCommand({
          Bucket,
          NotificationConfiguration: { QueueConfigurations } as never,
        }),
      );
    const cases: [object[], string][] = [
      [
        [{ QueueArn: queueArn, Events: ['s3:ObjectCreated:Sometimes'] }],
        'The event is not supported for notifications',
      ],
      [
        [
          {
            QueueArn: queueArn,
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'infix', Value: 'x' }] } },
          },
        ],
        'filter rule name must be either prefix or suffix',
      ],
      [[{ QueueArn: 'not-an-arn', Events: ['s3:ObjectCreated:*'] }], 'The ARN is not well formed'],
      [
        [
          { QueueArn: queueArn, Events: ['s3:ObjectCreated:*'] },
          {
            QueueArn: queueArn,
            Events: ['s3:ObjectCreated:Put'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'a/' }] } },
          },
        ],
        'Configurations overlap. Configurations on the same bucket cannot share a common event type.',
      ],
    ];
    for (const [configs, message] of cases) {
      await expect(put(configs)).rejects.toMatchObject({
        name: 'InvalidArgument',
        message,
        $metadata: { httpStatusCode: 400 },
      });
    }
  });
});
