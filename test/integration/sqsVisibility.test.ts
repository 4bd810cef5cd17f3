// SQS visibility timeouts, receipt handles, delays, retention and long polling through the real
// SDK client, timed on a second cloud at 1/100 speed.

import { ChangeMessageVisibilityCommand, DeleteMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { expectSqsError } from './sqsHelpers.js';
import {
  counts,
  fastSqs,
  queue,
  receive,
  send,
  sqs,
  useFastSqsCloud,
  useSqsCloud,
} from './sqsMessageHelpers.js';

useSqsCloud();
useFastSqsCloud();

describe('visibility timeout and receipt handles', () => {
  it('hides a received message; ChangeMessageVisibility 0 shows it again with a new handle', async () => {
    const url = await queue();
    await send(url, 'v');
    const [a] = await receive(url);
    expect(await receive(url)).toEqual([]);
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: url,
        ReceiptHandle: a.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    const [b] = await receive(url, { MessageSystemAttributeNames: ['ApproximateReceiveCount'] });
    expect(b.MessageId).toBe(a.MessageId);
    expect(b.ReceiptHandle).not.toBe(a.ReceiptHandle);
    expect(b.Attributes?.ApproximateReceiveCount).toBe('2');
    // Standard queues still delete with the older handle.
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: a.ReceiptHandle }));
    expect(await counts(url)).toEqual({ visible: 0, inflight: 0, delayed: 0 });
    // Deleting again succeeds; changing visibility of a deleted message does not.
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: b.ReceiptHandle }));
    await expectSqsError(
      sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: url,
          ReceiptHandle: b.ReceiptHandle,
          VisibilityTimeout: 5,
        }),
      ),
      'InvalidParameterValue',
      {
        message: `Value ${b.ReceiptHandle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
      },
    );
  });

  it('shows the message again when its visibility timeout ends (scaled by the time factor)', async () => {
    const url = await queue(fastSqs, { VisibilityTimeout: '1' });
    await send(url, 'expires', {}, fastSqs);
    const [a] = await receive(url, {}, fastSqs);
    // The long poll is woken by the visibility deadline, not by polling.
    const [b] = await receive(
      url,
      { WaitTimeSeconds: 20, MessageSystemAttributeNames: ['ApproximateReceiveCount'] },
      fastSqs,
    );
    expect(b.MessageId).toBe(a.MessageId);
    expect(b.Attributes?.ApproximateReceiveCount).toBe('2');
  });

  it('uses ReceiveMessage VisibilityTimeout over the queue default', async () => {
    const url = await queue(fastSqs, { VisibilityTimeout: '43200' });
    await send(url, 'short', {}, fastSqs);
    await receive(url, { VisibilityTimeout: 1 }, fastSqs);
    expect((await receive(url, { WaitTimeSeconds: 20 }, fastSqs))[0]?.Body).toBe('short');
  });

  it('rejects malformed and foreign receipt handles', async () => {
    const url = await queue();
    const other = await queue();
    await send(other, 'o');
    const [m] = await receive(other);
    await expectSqsError(
      sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: 'garbage' })),
      'ReceiptHandleIsInvalid',
      {
        status: 404,
        message: 'The input receipt handle "garbage" is not a valid receipt handle.',
      },
    );
    await expectSqsError(
      sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle })),
      'ReceiptHandleIsInvalid',
    );
    await expectSqsError(
      sqs.send(
        new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: 'garbage', VisibilityTimeout: 1 }),
      ),
      'ReceiptHandleIsInvalid',
    );
    await expectSqsError(sqs.send(new DeleteMessageCommand({ QueueUrl: url } as never)), 'MissingParameter', {
      message: 'The request must contain the parameter ReceiptHandle.',
    });
  });

  it('validates visibility timeouts and accepts a stale standard handle as a no-op', async () => {
    const url = await queue(fastSqs, { VisibilityTimeout: '1' });
    await send(url, 'stale', {}, fastSqs);
    const [a] = await receive(url, {}, fastSqs);
    const change = (VisibilityTimeout?: number) =>
      fastSqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: url,
          ReceiptHandle: a.ReceiptHandle,
          VisibilityTimeout,
        }),
      );
    await expectSqsError(change(43201), 'InvalidParameterValue');
    await expectSqsError(change(-1), 'InvalidParameterValue');
    await expectSqsError(change(undefined), 'MissingParameter');
    // Received again, and kept in flight long enough (600 s = 6 s here) to check the no-op below.
    const [b] = await receive(url, { WaitTimeSeconds: 20, VisibilityTimeout: 600 }, fastSqs);
    expect(b.MessageId).toBe(a.MessageId);
    // The first handle's visibility ended: AWS answers OK and changes nothing.
    await change(0);
    expect(await counts(url, fastSqs)).toMatchObject({ inflight: 1 });
  });
});

describe('delays, retention, long polling', () => {
  it('delays by the queue default and per message', async () => {
    const url = await queue(sqs, { DelaySeconds: '600' });
    await send(url, 'queue-delay');
    await send(url, 'no-delay', { DelaySeconds: 0 });
    await send(url, 'own-delay', { DelaySeconds: 900 });
    expect(await counts(url)).toEqual({ visible: 1, inflight: 0, delayed: 2 });
    expect((await receive(url, { MaxNumberOfMessages: 10 })).map((m) => m.Body)).toEqual(['no-delay']);
    await expectSqsError(send(url, 'x', { DelaySeconds: 901 }), 'InvalidParameterValue', {
      message:
        'Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.',
    });
  });

  it('delivers a delayed message to a waiting long poll when the delay ends', async () => {
    const url = await queue(fastSqs);
    // 10 s here is 100 ms: long enough for the empty receive, shorter than the 200 ms long poll.
    await send(url, 'later', { DelaySeconds: 10 }, fastSqs);
    expect(await receive(url, {}, fastSqs)).toEqual([]);
    expect((await receive(url, { WaitTimeSeconds: 20 }, fastSqs))[0]?.Body).toBe('later');
  });

  it('wakes a long poll as soon as a message is sent', async () => {
    const url = await queue();
    const waiting = receive(url, { WaitTimeSeconds: 20 });
    await new Promise((r) => setTimeout(r, 50));
    await send(url, 'wake up');
    expect((await waiting).map((m) => m.Body)).toEqual(['wake up']);
  });

  it('long-polls by the queue ReceiveMessageWaitTimeSeconds when the request does not say', async () => {
    const url = await queue(sqs, { ReceiveMessageWaitTimeSeconds: '20' });
    const waiting = receive(url);
    await new Promise((r) => setTimeout(r, 50));
    await send(url, 'default wait');
    expect((await waiting).map((m) => m.Body)).toEqual(['default wait']);
  });

  it('drops messages whose retention period has ended', async () => {
    const url = await queue(fastSqs, { MessageRetentionPeriod: '60' });
    await send(url, 'old', {}, fastSqs);
    expect(await counts(url, fastSqs)).toMatchObject({ visible: 1 });
    // 60 s at a 0.01 time factor is 600 ms.
    await new Promise((r) => setTimeout(r, 800));
    expect(await counts(url, fastSqs)).toEqual({ visible: 0, inflight: 0, delayed: 0 });
    expect(await receive(url, {}, fastSqs)).toEqual([]);
  });

  it('validates ReceiveMessage parameters', async () => {
    const url = await queue();
    await expectSqsError(receive(url, { MaxNumberOfMessages: 11 }), 'InvalidParameterValue', {
      message:
        'Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.',
    });
    await expectSqsError(receive(url, { MaxNumberOfMessages: 0 }), 'InvalidParameterValue');
    await expectSqsError(receive(url, { WaitTimeSeconds: 21 }), 'InvalidParameterValue', {
      message:
        'Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.',
    });
    await expectSqsError(receive(url, { WaitTimeSeconds: -1 }), 'InvalidParameterValue');
    await expectSqsError(receive(url, { VisibilityTimeout: 43201 }), 'InvalidParameterValue');
    await expectSqsError(receive(`${url}-gone`), 'QueueDoesNotExist');
  });
});
