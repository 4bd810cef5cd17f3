// The in-process SQS API other services use (S3 notifications, EventBridge targets, the Lambda
// event source mapping poller): send, receive, delete, visibility, and waiting for messages.

import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { AwsServiceError } from '../../src/local/errors.js';
import type { LocalCloud } from '../../src/local/index.js';
import type { SqsInternal } from '../../src/local/services/sqs/internal.js';
import { useLocalCloud } from '../helpers/localCloud.js';
import { sqsClient, uniqueQueue } from './sqsHelpers.js';

let local: LocalCloud;
let sqs: SQSClient;
let api: SqsInternal;
useLocalCloud((l) => {
  local = l;
  sqs = sqsClient(l.endpoint);
  api = local.cloud.api('sqs');
});

async function queue(fifo = false): Promise<{ url: string; arn: string }> {
  const url = (
    await sqs.send(
      new CreateQueueCommand({
        QueueName: uniqueQueue('internal', fifo),
        Attributes: fifo ? { FifoQueue: 'true' } : {},
      }),
    )
  ).QueueUrl!;
  const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] })))
    .Attributes!.QueueArn!;
  return { url, arn };
}

const rejection = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as AwsServiceError,
  );

describe('SqsInternal', () => {
  it('sends by ARN (or URL) with attributes that API consumers receive intact', async () => {
    const { url, arn } = await queue();
    const out = await api.send(arn, '{"Records":[]}', { source: { DataType: 'String', StringValue: 's3' } });
    expect(out.messageId).toMatch(/^[0-9a-f-]{36}$/);
    await api.send(url, 'by url');
    const got = (
      await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }),
      )
    ).Messages!;
    expect(got.map((m) => m.Body).sort()).toEqual(['by url', '{"Records":[]}']);
    expect(got.find((m) => m.MessageId === out.messageId)?.MessageAttributes).toEqual({
      source: { DataType: 'String', StringValue: 's3' },
    });
  });

  it('rejects like the API does', async () => {
    const { arn } = await queue(true);
    const missing = await rejection(api.send(`${arn}-missing`, 'x'));
    expect(missing).toBeInstanceOf(AwsServiceError);
    expect(missing?.code).toBe('QueueDoesNotExist');
    expect((await rejection(api.send(arn, 'x')))?.code).toBe('MissingRequiredParameterException');
    const sent = await api.send(arn, 'x', undefined, { messageGroupId: 'g', messageDeduplicationId: 'd' });
    expect(sent.sequenceNumber).toMatch(/^\d{20}$/);
    expect(api.describe(arn)).toMatchObject({ arn, fifo: true, visibilityTimeout: 30 });
    expect(api.describe(`${arn}-missing`)).toBeUndefined();
  });

  it('receives with every attribute, changes visibility and deletes by receipt handle', async () => {
    const { arn } = await queue();
    await api.send(arn, 'work', { k: { DataType: 'String', StringValue: 'v' } });
    const [m] = await api.receive(arn, { maxMessages: 10 });
    expect(m.Body).toBe('work');
    expect(m.Attributes).toMatchObject({ ApproximateReceiveCount: '1', SenderId: '000000000000' });
    expect(m.MessageAttributes).toEqual({ k: { DataType: 'String', StringValue: 'v' } });
    expect(await api.receive(arn)).toEqual([]);
    await api.changeVisibility(arn, m.ReceiptHandle!, 0);
    const [again] = await api.receive(arn);
    expect(again.Attributes?.ApproximateReceiveCount).toBe('2');
    await api.delete(arn, again.ReceiptHandle!);
    expect(await api.receive(arn)).toEqual([]);
    expect((await rejection(api.delete(arn, 'garbage')))?.code).toBe('ReceiptHandleIsInvalid');
  });

  it('long-polls until a send, and stops early on abort', async () => {
    const { arn, url } = await queue();
    const waiting = api.receive(arn, { waitTimeSeconds: 20 });
    await new Promise((r) => setTimeout(r, 30));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'ping' }));
    expect((await waiting).map((m) => m.Body)).toEqual(['ping']);

    const abort = new AbortController();
    const parked = api.receive(arn, { waitTimeSeconds: 20, signal: abort.signal });
    abort.abort();
    expect(await parked).toEqual([]);
  });

  it('resolves waitForMessages when a queue gets a message, and notifies listeners', async () => {
    const { arn, url } = await queue();
    expect(await api.waitForMessages(arn, { waitTimeSeconds: 0 })).toBe(false);
    let calls = 0;
    const notified = new Promise<void>((resolve) => {
      const off = api.onMessage(arn, () => {
        calls++;
        off();
        resolve();
      });
    });
    const waiting = api.waitForMessages(arn, { waitTimeSeconds: 20 });
    await new Promise((r) => setTimeout(r, 30));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'arrived' }));
    expect(await waiting).toBe(true);
    await notified;
    expect(calls).toBe(1);
    // Already waiting messages answer at once; an abort ends the wait with false.
    expect(await api.waitForMessages(arn)).toBe(true);
    const empty = await queue();
    const abort = new AbortController();
    const pending = api.waitForMessages(empty.arn, { signal: abort.signal });
    abort.abort();
    expect(await pending).toBe(false);
  });
});
