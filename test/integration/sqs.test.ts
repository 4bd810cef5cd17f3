// SQS queue management through the real SDK client (awsJson 1.0): CreateQueue's rules and
// idempotency, URLs, listing and paging, attributes, tags, dead-letter sources and deletion.

import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  SetQueueAttributesCommand,
  type SQSClient,
  TagQueueCommand,
  UntagQueueCommand,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local/index.js';
import { useLocalCloud } from '../helpers/localCloud.js';
import { expectSqsError, sqsClient, uniqueQueue } from './sqsHelpers.js';

let local: LocalCloud;
let sqs: SQSClient;
useLocalCloud((l) => {
  local = l;
  sqs = sqsClient(l.endpoint);
});

const create = async (
  QueueName: string,
  Attributes?: Record<string, string>,
  tags?: Record<string, string>,
) => (await sqs.send(new CreateQueueCommand({ QueueName, Attributes, tags }))).QueueUrl!;

const attributes = async (QueueUrl: string, names: string[] = ['All']) =>
  (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: names as never }))).Attributes ??
  {};

const arnOf = async (url: string) => (await attributes(url, ['QueueArn'])).QueueArn!;

describe('CreateQueue', () => {
  it('creates a standard queue with AWS defaults and a URL under the endpoint', async () => {
    const name = uniqueQueue('std');
    const url = await create(name);
    expect(url).toBe(`${local.endpoint}/000000000000/${name}`);
    const attrs = await attributes(url);
    expect(attrs).toMatchObject({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesDelayed: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
      DelaySeconds: '0',
      MaximumMessageSize: '1048576',
      MessageRetentionPeriod: '345600',
      QueueArn: `arn:aws:sqs:us-east-1:000000000000:${name}`,
      ReceiveMessageWaitTimeSeconds: '0',
      SqsManagedSseEnabled: 'true',
      VisibilityTimeout: '30',
    });
    expect(Number(attrs.CreatedTimestamp)).toBeGreaterThan(1_600_000_000);
    expect(attrs.LastModifiedTimestamp).toBe(attrs.CreatedTimestamp);
    expect(attrs.FifoQueue).toBeUndefined();
  });

  it('creates a FIFO queue with its FIFO defaults', async () => {
    const url = await create(uniqueQueue('fifo', true), { FifoQueue: 'True' });
    expect(await attributes(url)).toMatchObject({
      FifoQueue: 'true',
      ContentBasedDeduplication: 'false',
      DeduplicationScope: 'queue',
      FifoThroughputLimit: 'perQueue',
    });
  });

  it('is idempotent with the same attributes and refuses different ones', async () => {
    const name = uniqueQueue('idem');
    const url = await create(name, { DelaySeconds: '5' });
    expect(await create(name, { DelaySeconds: '5' })).toBe(url);
    expect(await create(name)).toBe(url);
    await expectSqsError(create(name, { DelaySeconds: '6' }), 'QueueNameExists', {
      code: 'QueueAlreadyExists',
      status: 400,
      message: 'A queue already exists with the same name and a different value for attribute DelaySeconds',
    });
  });

  it('validates names and the .fifo suffix rules', async () => {
    const invalid = 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length';
    await expectSqsError(create('bad name'), 'InvalidParameterValue', { message: invalid });
    await expectSqsError(create('x'.repeat(81)), 'InvalidParameterValue', { message: invalid });
    await expectSqsError(create(uniqueQueue('suffix', true)), 'InvalidParameterValue', { message: invalid });
    await expectSqsError(create(uniqueQueue('nosuffix'), { FifoQueue: 'true' }), 'InvalidParameterValue', {
      message:
        'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length',
    });
    // The suffix counts towards the 80 characters.
    await expectSqsError(create(`${'f'.repeat(76)}.fifo`, { FifoQueue: 'true' }), 'InvalidParameterValue');
    expect(
      await create(`${'f'.repeat(70)}-${process.pid % 1000}.fifo`.slice(-80), { FifoQueue: 'true' }),
    ).toMatch(/\.fifo$/);
  });

  it('refuses FIFO-only attributes on a standard queue, as AWS does', async () => {
    const name = uniqueQueue('stdfifo');
    await expectSqsError(create(name, { FifoQueue: 'false' }), 'InvalidAttributeName', {
      message: 'Unknown Attribute FifoQueue.',
    });
    await expectSqsError(create(name, { ContentBasedDeduplication: 'false' }), 'InvalidAttributeName', {
      message: 'Unknown Attribute ContentBasedDeduplication.',
    });
    await expectSqsError(create(name, { DeduplicationScope: 'queue' }), 'InvalidAttributeName', {
      message: 'You can specify the DeduplicationScope only when FifoQueue is set to true.',
    });
    await expectSqsError(create(name, { FifoThroughputLimit: 'perQueue' }), 'InvalidAttributeName', {
      message: 'You can specify the FifoThroughputLimit only when FifoQueue is set to true.',
    });
  });

  it('validates attribute names and values', async () => {
    const name = uniqueQueue('attrs');
    await expectSqsError(create(name, { Color: 'blue' }), 'InvalidAttributeName', {
      message: 'Unknown Attribute Color.',
    });
    await expectSqsError(create(name, { QueueArn: 'x' }), 'InvalidAttributeName');
    for (const [k, v] of [
      ['VisibilityTimeout', '43201'],
      ['DelaySeconds', '901'],
      ['MaximumMessageSize', '1023'],
      ['MaximumMessageSize', '1048577'],
      ['MessageRetentionPeriod', '59'],
      ['ReceiveMessageWaitTimeSeconds', '21'],
      ['VisibilityTimeout', 'soon'],
      ['SqsManagedSseEnabled', 'maybe'],
      ['Policy', 'not json'],
    ])
      await expectSqsError(create(name, { [k]: v }), 'InvalidAttributeValue', {
        message: `Invalid value for the parameter ${k}.`,
      });
    await expectSqsError(
      create(uniqueQueue('scope', true), { FifoQueue: 'true', DeduplicationScope: 'x' }),
      'InvalidAttributeValue',
    );
  });

  it('requires a queue name', async () => {
    await expectSqsError(sqs.send(new CreateQueueCommand({} as never)), 'MissingParameter', {
      message: 'The request must contain the parameter QueueName.',
    });
  });

  it('takes tags at creation', async () => {
    const url = await create(uniqueQueue('tagged'), undefined, { team: 'core', env: 'dev' });
    expect((await sqs.send(new ListQueueTagsCommand({ QueueUrl: url }))).Tags).toEqual({
      team: 'core',
      env: 'dev',
    });
  });
});

describe('GetQueueUrl, ListQueues, DeleteQueue', () => {
  it('finds a queue by name and not a missing one', async () => {
    const name = uniqueQueue('url');
    const url = await create(name);
    expect((await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl).toBe(url);
    await expectSqsError(
      sqs.send(new GetQueueUrlCommand({ QueueName: `${name}-nope` })),
      'QueueDoesNotExist',
      {
        code: 'AWS.SimpleQueueService.NonExistentQueue',
        status: 400,
        message: 'The specified queue does not exist.',
      },
    );
    await expectSqsError(
      sqs.send(new GetQueueUrlCommand({ QueueName: name, QueueOwnerAWSAccountId: '111111111111' })),
      'QueueDoesNotExist',
    );
  });

  it('lists by prefix and pages with MaxResults/NextToken', async () => {
    const prefix = uniqueQueue('page');
    const urls = [];
    for (let i = 0; i < 5; i++) urls.push(await create(`${prefix}-${i}`));
    expect((await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix }))).QueueUrls).toEqual(urls);
    const first = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix, MaxResults: 2 }));
    expect(first.QueueUrls).toEqual(urls.slice(0, 2));
    expect(first.NextToken).toEqual(expect.any(String));
    const rest = await sqs.send(
      new ListQueuesCommand({ QueueNamePrefix: prefix, MaxResults: 3, NextToken: first.NextToken }),
    );
    expect(rest.QueueUrls).toEqual(urls.slice(2));
    expect(rest.NextToken).toBeUndefined();
    expect(
      (await sqs.send(new ListQueuesCommand({ QueueNamePrefix: `${prefix}-none` }))).QueueUrls,
    ).toBeUndefined();
    await expectSqsError(sqs.send(new ListQueuesCommand({ MaxResults: 0 })), 'InvalidParameterValue');
    await expectSqsError(
      sqs.send(new ListQueuesCommand({ MaxResults: 1, NextToken: '!!' })),
      'InvalidParameterValue',
    );
  });

  it('deletes a queue; then every call on it is QueueDoesNotExist', async () => {
    const name = uniqueQueue('del');
    const url = await create(name);
    await sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
    await expectSqsError(sqs.send(new DeleteQueueCommand({ QueueUrl: url })), 'QueueDoesNotExist');
    await expectSqsError(attributes(url), 'QueueDoesNotExist');
    expect((await sqs.send(new ListQueuesCommand({ QueueNamePrefix: name }))).QueueUrls).toBeUndefined();
  });

  it('rejects a QueueUrl that is not a queue URL', async () => {
    await expectSqsError(attributes('not-a-url'), 'InvalidAddress', {
      status: 404,
      message: 'The address not-a-url is not valid for this endpoint.',
    });
  });
});

describe('GetQueueAttributes / SetQueueAttributes', () => {
  it('returns only the named attributes, nothing without names, and refuses unknown names', async () => {
    const url = await create(uniqueQueue('named'));
    expect(await attributes(url, ['VisibilityTimeout', 'DelaySeconds'])).toEqual({
      VisibilityTimeout: '30',
      DelaySeconds: '0',
    });
    expect((await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url }))).Attributes).toBeUndefined();
    await expectSqsError(attributes(url, ['Colour']), 'InvalidAttributeName', {
      message: 'Unknown Attribute Colour.',
    });
  });

  it('updates settable attributes and refuses computed ones and type changes', async () => {
    const url = await create(uniqueQueue('set'));
    await sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: url,
        Attributes: { VisibilityTimeout: '69', DelaySeconds: '420', MaximumMessageSize: '2048' },
      }),
    );
    expect(await attributes(url, ['VisibilityTimeout', 'DelaySeconds', 'MaximumMessageSize'])).toEqual({
      VisibilityTimeout: '69',
      DelaySeconds: '420',
      MaximumMessageSize: '2048',
    });
    await expectSqsError(
      sqs.send(
        new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { ApproximateNumberOfMessages: '1' } }),
      ),
      'InvalidAttributeName',
    );
    await expectSqsError(
      sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { FifoQueue: 'true' } })),
      'InvalidAttributeName',
      { message: 'Unknown Attribute FifoQueue.' },
    );
    const fifo = await create(uniqueQueue('setfifo', true), { FifoQueue: 'true' });
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: fifo, Attributes: { FifoQueue: 'true' } }));
    await expectSqsError(
      sqs.send(new SetQueueAttributesCommand({ QueueUrl: fifo, Attributes: { FifoQueue: 'false' } })),
      'InvalidAttributeValue',
      {
        message: 'Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.',
      },
    );
    await sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: fifo,
        Attributes: {
          ContentBasedDeduplication: 'true',
          DeduplicationScope: 'messageGroup',
          FifoThroughputLimit: 'perMessageGroupId',
        },
      }),
    );
    expect(
      await attributes(fifo, ['ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit']),
    ).toEqual({
      ContentBasedDeduplication: 'true',
      DeduplicationScope: 'messageGroup',
      FifoThroughputLimit: 'perMessageGroupId',
    });
  });

  it('validates and normalizes RedrivePolicy, and lists dead-letter sources', async () => {
    const dlq = await create(uniqueQueue('dlq'));
    const dlqArn = await arnOf(dlq);
    const src = await create(uniqueQueue('src'), {
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: '3' }),
    });
    expect((await attributes(src, ['RedrivePolicy'])).RedrivePolicy).toBe(
      JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 }),
    );
    expect((await sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq }))).queueUrls).toEqual([
      src,
    ]);

    const set = (RedrivePolicy: string) =>
      sqs.send(new SetQueueAttributesCommand({ QueueUrl: src, Attributes: { RedrivePolicy } }));
    await expectSqsError(set(JSON.stringify({ deadLetterTargetArn: dlqArn })), 'InvalidParameterValue', {
      message: /Redrive policy does not contain mandatory attribute: maxReceiveCount/,
    });
    await expectSqsError(set(JSON.stringify({ maxReceiveCount: 2 })), 'InvalidParameterValue', {
      message: /mandatory attribute: deadLetterTargetArn/,
    });
    await expectSqsError(
      set(JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 'invalid' })),
      'InvalidParameterValue',
      {
        message: /valid values are from 1 to 1000 both inclusive/,
      },
    );
    await expectSqsError(
      set(JSON.stringify({ deadLetterTargetArn: `${dlqArn}-missing`, maxReceiveCount: 1 })),
      'InvalidParameterValue',
      { message: /Dead letter target does not exist/ },
    );
    const fifoDlq = await arnOf(await create(uniqueQueue('fdlq', true), { FifoQueue: 'true' }));
    await expectSqsError(
      set(JSON.stringify({ deadLetterTargetArn: fifoDlq, maxReceiveCount: 1 })),
      'InvalidParameterValue',
      {
        message: /same type of queue/,
      },
    );
    // An empty policy removes it.
    await set('');
    expect((await attributes(src)).RedrivePolicy).toBeUndefined();
    expect((await sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq }))).queueUrls).toEqual([]);
  });

  it('enforces the dead-letter queue RedriveAllowPolicy', async () => {
    const dlq = await create(uniqueQueue('deny'), {
      RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'denyAll' }),
    });
    const dlqArn = await arnOf(dlq);
    await expectSqsError(
      create(uniqueQueue('refused'), {
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }),
      }),
      'InvalidParameterValue',
    );
    await expectSqsError(
      sqs.send(
        new SetQueueAttributesCommand({
          QueueUrl: dlq,
          Attributes: { RedriveAllowPolicy: '{"redrivePermission":"some"}' },
        }),
      ),
      'InvalidAttributeValue',
    );
    await sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: dlq,
        Attributes: { RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'allowAll' }) },
      }),
    );
    await create(uniqueQueue('allowed'), {
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }),
    });
  });
});

describe('tags', () => {
  it('tags, lists and untags', async () => {
    const url = await create(uniqueQueue('tags'));
    expect((await sqs.send(new ListQueueTagsCommand({ QueueUrl: url }))).Tags).toBeUndefined();
    await sqs.send(new TagQueueCommand({ QueueUrl: url, Tags: { a: '1', b: '2' } }));
    await sqs.send(new TagQueueCommand({ QueueUrl: url, Tags: { b: '3' } }));
    expect((await sqs.send(new ListQueueTagsCommand({ QueueUrl: url }))).Tags).toEqual({ a: '1', b: '3' });
    await sqs.send(new UntagQueueCommand({ QueueUrl: url, TagKeys: ['a', 'missing'] }));
    expect((await sqs.send(new ListQueueTagsCommand({ QueueUrl: url }))).Tags).toEqual({ b: '3' });
  });

  it('refuses empty requests and more than 50 tags', async () => {
    const url = await create(uniqueQueue('tagerr'));
    await expectSqsError(sqs.send(new TagQueueCommand({ QueueUrl: url, Tags: {} })), 'MissingParameter');
    await expectSqsError(sqs.send(new UntagQueueCommand({ QueueUrl: url, TagKeys: [] })), 'MissingParameter');
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    await expectSqsError(
      sqs.send(new TagQueueCommand({ QueueUrl: url, Tags: many })),
      'InvalidParameterValue',
    );
  });
});
