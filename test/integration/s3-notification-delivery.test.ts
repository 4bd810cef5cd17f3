// S3 bucket notifications delivered to SQS through real S3 and SQS clients: the s3:TestEvent on
// put, object events in AWS's record structure, key filters, and the destination checks at put.

import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  type Event,
  type FilterRuleName,
  GetBucketNotificationConfigurationCommand,
  PutBucketNotificationConfigurationCommand,
  PutObjectCommand,
  type QueueConfiguration,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SetQueueAttributesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local/index.js';
import { useLocalCloud } from '../helpers/localCloud.js';
import { newBucket as createBucket, md5, s3Client } from './s3Helpers.js';
import { sqsClient, uniqueQueue } from './sqsHelpers.js';

let local: LocalCloud;
let s3: S3Client;
let sqs: SQSClient;
const lines: string[] = [];
const newBucket = (label: string) => createBucket(s3, label);

useLocalCloud(
  (l) => {
    local = l;
    s3 = s3Client(l.endpoint);
    sqs = sqsClient(l.endpoint);
  },
  { log: (line) => lines.push(line) },
);

/** The queue policy S3 needs: s3.amazonaws.com may send, for buckets matching `sourceArn`. */
const s3Policy = (queueArn: string, sourceArn = 'arn:aws:s3:::*') =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 's3.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: queueArn,
        Condition: {
          ArnLike: { 'aws:SourceArn': sourceArn },
          StringEquals: { 'aws:SourceAccount': '000000000000' },
        },
      },
    ],
  });

/** A queue S3 may send to (any bucket of the account), unless `policy` says otherwise. */
async function newQueue(
  label: string,
  fifo = false,
  policy: ((arn: string) => string) | null = (arn) => s3Policy(arn),
): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await sqs.send(
    new CreateQueueCommand({
      QueueName: uniqueQueue(label, fifo),
      Attributes: fifo ? { FifoQueue: 'true' } : undefined,
    }),
  );
  const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  const arn = attrs.Attributes!.QueueArn!;
  if (policy)
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { Policy: policy(arn) } }));
  return { url: QueueUrl!, arn };
}

const deliveries = (bucket: string) =>
  local.cloud
    .api('s3')
    .notifications()
    .filter((d) => d.bucket === bucket);

/** Deliveries are fire-and-forget: wait until every one for the bucket has its outcome. */
async function settled(bucket: string, count: number) {
  for (let i = 0; i < 400; i++) {
    const mine = deliveries(bucket);
    if (mine.length >= count && mine.every((d) => d.outcome !== 'pending')) return mine;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`notifications for ${bucket} did not settle`);
}

/** The one record of an event message, loosely typed for assertions. */
// biome-ignore lint/suspicious/noExplicitAny: assertions walk the message freely
type EventRecord = Record<string, any>;
const recordOf = (message: unknown): EventRecord => {
  const records = (message as { Records: EventRecord[] }).Records;
  expect(records).toHaveLength(1);
  return records[0];
};

/** A standard queue does not keep order; the sequencer is how S3 says which event came first. */
const inEventOrder = (messages: unknown[]): EventRecord[] =>
  messages.map(recordOf).sort((a, b) => (a.s3.object.sequencer < b.s3.object.sequencer ? -1 : 1));

/** Every message now on the queue, in send order. */
async function drain(url: string): Promise<unknown[]> {
  const out: Message[] = [];
  for (;;) {
    const got = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 300 }),
    );
    if (!got.Messages?.length) break;
    out.push(...got.Messages);
  }
  return out.map((m) => JSON.parse(m.Body!));
}

const queueConfig = (
  arn: string,
  Events: Event[],
  rules: { prefix?: string; suffix?: string } = {},
): QueueConfiguration => ({
  Id: 'cfg',
  QueueArn: arn,
  Events,
  Filter: {
    Key: {
      FilterRules: Object.entries(rules).map(([Name, Value]) => ({ Name: Name as FilterRuleName, Value })),
    },
  },
});

const UNABLE = 'Unable to validate the following destination configurations';

describe('S3 notifications to SQS', () => {
  it('sends each queue an s3:TestEvent when the configuration is put', async () => {
    const Bucket = await newBucket('testevent');
    const q = await newQueue('testevent');
    const put = await s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket,
        NotificationConfiguration: {
          // Two configurations on one queue: one test message for the queue.
          QueueConfigurations: [
            queueConfig(q.arn, ['s3:ObjectCreated:*']),
            { QueueArn: q.arn, Events: ['s3:ObjectRemoved:*'] },
          ],
        },
      }),
    );
    const messages = await drain(q.url);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toEqual({
      Service: 'Amazon S3',
      Event: 's3:TestEvent',
      Time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      Bucket,
      RequestId: put.$metadata.requestId,
      HostId: expect.any(String),
    });
    expect(deliveries(Bucket)).toEqual([
      expect.objectContaining({ destinationArn: q.arn, eventName: 's3:TestEvent', outcome: 'delivered' }),
    ]);
  });

  it('delivers ObjectCreated:Put for exactly the keys the prefix/suffix filter matches', async () => {
    const Bucket = await newBucket('created');
    const q = await newQueue('created');
    await s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket,
        NotificationConfiguration: {
          QueueConfigurations: [
            queueConfig(q.arn, ['s3:ObjectCreated:Put'], { prefix: 'images/', suffix: '.png' }),
          ],
        },
      }),
    );
    await drain(q.url); // the test event
    const keys = ['images/my cat.png', 'images/a.txt', 'docs/b.png', 'images/sub/c+d.png', 'images/png'];
    for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket, Key, Body: `body of ${Key}` }));
    await settled(Bucket, 3);
    const events = inEventOrder(await drain(q.url));
    expect(events.map((e) => e.s3.object.key)).toEqual(['images/my+cat.png', 'images/sub/c%2Bd.png']);
    expect(events[0]).toEqual({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      eventName: 'ObjectCreated:Put',
      userIdentity: { principalId: expect.any(String) },
      requestParameters: { sourceIPAddress: expect.any(String) },
      responseElements: { 'x-amz-request-id': expect.any(String), 'x-amz-id-2': expect.any(String) },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'cfg',
        bucket: {
          name: Bucket,
          ownerIdentity: { principalId: expect.any(String) },
          arn: `arn:aws:s3:::${Bucket}`,
        },
        object: {
          key: 'images/my+cat.png',
          size: 'body of images/my cat.png'.length,
          eTag: md5('body of images/my cat.png'),
          sequencer: expect.stringMatching(/^[0-9A-F]{18}$/),
        },
      },
    });
    expect(events[1].s3.object).toMatchObject({ size: 'body of images/sub/c+d.png'.length });
  });

  it('delivers ObjectRemoved:Delete for DeleteObject and DeleteObjects, with key and sequencer only', async () => {
    const Bucket = await newBucket('removed');
    const q = await newQueue('removed');
    for (const Key of ['a.txt', 'b.txt', 'c.txt'])
      await s3.send(new PutObjectCommand({ Bucket, Key, Body: Key }));
    await s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket,
        NotificationConfiguration: { QueueConfigurations: [queueConfig(q.arn, ['s3:ObjectRemoved:*'])] },
      }),
    );
    await drain(q.url);
    await s3.send(new PutObjectCommand({ Bucket, Key: 'd.txt', Body: 'not a removal' }));
    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'a.txt' }));
    await s3.send(
      new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'b.txt' }, { Key: 'c.txt' }] } }),
    );
    await settled(Bucket, 4);
    const events = inEventOrder(await drain(q.url));
    expect(events.map((e) => [e.eventName, e.s3.object.key])).toEqual([
      ['ObjectRemoved:Delete', 'a.txt'],
      ['ObjectRemoved:Delete', 'b.txt'],
      ['ObjectRemoved:Delete', 'c.txt'],
    ]);
    expect(Object.keys(events[0].s3.object).sort()).toEqual(['key', 'sequencer']);
    expect(events[0].s3.configurationId).toBe('cfg');
  });

  it('refuses a queue that does not exist with InvalidArgument, storing nothing', async () => {
    const Bucket = await newBucket('noqueue');
    const q = await newQueue('kept');
    const kept = { QueueConfigurations: [queueConfig(q.arn, ['s3:ObjectCreated:*'])] };
    await s3.send(new PutBucketNotificationConfigurationCommand({ Bucket, NotificationConfiguration: kept }));
    const missing = `arn:aws:sqs:us-east-1:000000000000:${uniqueQueue('missing')}`;
    const missing2 = `arn:aws:sqs:us-east-1:000000000000:${uniqueQueue('missing')}`;
    await expect(
      s3.send(
        new PutBucketNotificationConfigurationCommand({
          Bucket,
          NotificationConfiguration: { QueueConfigurations: [queueConfig(missing, ['s3:ObjectCreated:*'])] },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidArgument',
      message: UNABLE,
      ArgumentName1: missing,
      ArgumentValue1: 'The destination queue does not exist',
      $metadata: { httpStatusCode: 400 },
    });
    // Every destination that fails is listed; the valid one is not.
    const both = s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket,
        NotificationConfiguration: {
          QueueConfigurations: [
            { QueueArn: missing, Events: ['s3:ObjectCreated:*'] },
            { QueueArn: q.arn, Events: ['s3:ObjectRemoved:*'] },
            { QueueArn: missing2, Events: ['s3:ObjectRestore:*'] },
          ],
        },
      }),
    );
    const err = await both.then(
      () => undefined,
      (e: Record<string, unknown>) => e,
    );
    expect(err).toMatchObject({
      name: 'InvalidArgument',
      message: UNABLE,
      ArgumentName1: missing,
      ArgumentValue1: 'The destination queue does not exist',
      ArgumentName2: missing2,
      ArgumentValue2: 'The destination queue does not exist',
    });
    expect(err).not.toHaveProperty('ArgumentName3');
    // The earlier configuration stands.
    const got = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket }));
    expect(got.QueueConfigurations?.map((c) => c.QueueArn)).toEqual([q.arn]);
  });

  it('refuses a FIFO queue, which S3 cannot publish to', async () => {
    const Bucket = await newBucket('fifo');
    const q = await newQueue('fifo', true);
    await expect(
      s3.send(
        new PutBucketNotificationConfigurationCommand({
          Bucket,
          NotificationConfiguration: { QueueConfigurations: [queueConfig(q.arn, ['s3:ObjectCreated:*'])] },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidArgument',
      message: UNABLE,
      ArgumentName1: q.arn,
      ArgumentValue1:
        'Permissions on the destination queue do not allow S3 to publish notifications from this bucket',
    });
    expect(
      (await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket }))).QueueConfigurations,
    ).toBeUndefined();
    expect(await drain(q.url)).toEqual([]);
  });

  it('checks form before destinations: a bad ARN is reported alone', async () => {
    const Bucket = await newBucket('formfirst');
    const missing = `arn:aws:sqs:us-east-1:000000000000:${uniqueQueue('missing')}`;
    await expect(
      s3.send(
        new PutBucketNotificationConfigurationCommand({
          Bucket,
          NotificationConfiguration: {
            QueueConfigurations: [
              { QueueArn: missing, Events: ['s3:ObjectCreated:*'] },
              { QueueArn: 'not-an-arn', Events: ['s3:ObjectRemoved:*'] },
            ],
          },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidArgument', ArgumentName: 'ARN', ArgumentValue: 'not-an-arn' });
  });

  it('stores an unusable destination with SkipDestinationValidation; its deliveries fail and are logged', async () => {
    const Bucket = await newBucket('skip');
    const missing = `arn:aws:sqs:us-east-1:000000000000:${uniqueQueue('missing')}`;
    await s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket,
        SkipDestinationValidation: true,
        NotificationConfiguration: { QueueConfigurations: [queueConfig(missing, ['s3:ObjectCreated:*'])] },
      }),
    );
    expect(
      (await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket }))).QueueConfigurations?.[0]
        .QueueArn,
    ).toBe(missing);
    // The object write succeeds whatever happens to its notification.
    await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'v' }));
    const mine = await settled(Bucket, 2);
    expect(mine.map((d) => [d.eventName, d.outcome])).toEqual([
      ['s3:TestEvent', 'failed'],
      ['s3:ObjectCreated:Put', 'failed'],
    ]);
    expect(mine[1].reason).toMatch(/^AWS\.SimpleQueueService\.NonExistentQueue|QueueDoesNotExist/);
    expect(
      lines.some(
        (l) =>
          l.includes(`from bucket ${Bucket} to ${missing} dropped`) && l.includes('s3:ObjectCreated:Put'),
      ),
    ).toBe(true);
  });

  it('drops, with the reason, events for a queue deleted after the configuration was set', async () => {
    const Bucket = await newBucket('deleted');
    const q = await newQueue('deleted');
    await s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket,
        NotificationConfiguration: { QueueConfigurations: [queueConfig(q.arn, ['s3:ObjectCreated:*'])] },
      }),
    );
    await sqs.send(new DeleteQueueCommand({ QueueUrl: q.url }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'after-delete', Body: 'x' }));
    const mine = await settled(Bucket, 2);
    expect(mine[1]).toMatchObject({ eventName: 's3:ObjectCreated:Put', outcome: 'failed' });
    expect(mine[1].reason).toMatch(/NonExistentQueue|QueueDoesNotExist/);
  });

  it('refuses a queue whose policy does not let s3.amazonaws.com send for this bucket', async () => {
    const Bucket = await newBucket('queuepolicy');
    const none = await newQueue('nopolicy', false, null);
    const other = await newQueue('otherbucket', false, (arn) =>
      s3Policy(arn, `arn:aws:s3:::${Bucket}-other`),
    );
    const mine = await newQueue('thisbucket', false, (arn) => s3Policy(arn, `arn:aws:s3:::${Bucket}`));
    const put = (arn: string) =>
      s3.send(
        new PutBucketNotificationConfigurationCommand({
          Bucket,
          NotificationConfiguration: { QueueConfigurations: [queueConfig(arn, ['s3:ObjectCreated:*'])] },
        }),
      );
    for (const q of [none, other]) {
      await expect(put(q.arn)).rejects.toMatchObject({
        name: 'InvalidArgument',
        message: UNABLE,
        ArgumentName1: q.arn,
        ArgumentValue1:
          'Permissions on the destination queue do not allow S3 to publish notifications from this bucket',
      });
    }
    await put(mine.arn);
    const stored = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket }));
    expect(stored.QueueConfigurations?.map((c) => c.QueueArn)).toEqual([mine.arn]);
  });
});
