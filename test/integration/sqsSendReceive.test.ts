// SQS messages on standard queues through the real SDK client: send, receive and delete, every bad
// SendMessage input, batches with per-entry failures, and purge.

import { createHash } from 'node:crypto';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  PurgeQueueCommand,
  SendMessageBatchCommand,
  SetQueueAttributesCommand,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { expectSqsError } from './sqsHelpers.js';
import { counts, queue, receive, send, sqs, UUID, useSqsCloud } from './sqsMessageHelpers.js';

useSqsCloud();

describe('send, receive, delete', () => {
  it('round-trips a message with UUID ids and the body MD5 the SDK checks', async () => {
    const url = await queue();
    const sent = await send(url, 'Hello World!');
    expect(sent.MessageId).toMatch(UUID);
    expect(sent.MD5OfMessageBody).toBe(createHash('md5').update('Hello World!').digest('hex'));
    expect(sent.MD5OfMessageAttributes).toBeUndefined();
    const [m] = await receive(url);
    expect(m).toMatchObject({
      MessageId: sent.MessageId,
      Body: 'Hello World!',
      MD5OfBody: sent.MD5OfMessageBody,
    });
    expect(m.Attributes).toBeUndefined();
    expect(await counts(url)).toEqual({ visible: 0, inflight: 1, delayed: 0 });
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
    expect(await counts(url)).toEqual({ visible: 0, inflight: 0, delayed: 0 });
    expect(await receive(url)).toEqual([]);
  });

  it('keeps unicode bodies intact (surrogate pairs included)', async () => {
    const url = await queue();
    const body = 'grüße 👋 \t\n\r 漢字';
    await send(url, body);
    expect((await receive(url))[0].Body).toBe(body);
  });

  it('returns up to MaxNumberOfMessages, in a deliberately shuffled order', async () => {
    const url = await queue();
    const bodies = Array.from({ length: 20 }, (_, i) => `m${String(i).padStart(2, '0')}`);
    for (const b of bodies) await send(url, b);
    const first = await receive(url, { MaxNumberOfMessages: 10 });
    const second = await receive(url, { MaxNumberOfMessages: 10 });
    expect(first).toHaveLength(10);
    const got = [...first, ...second].map((m) => m.Body!);
    expect([...got].sort()).toEqual(bodies);
    // Standard queues give no order guarantee; this one makes sure consumers notice.
    expect(got).not.toEqual(bodies);
  });
});

describe('SendMessage validation', () => {
  it('refuses empty bodies, invalid characters and oversized messages', async () => {
    const url = await queue();
    await expectSqsError(send(url, ''), 'MissingParameter', {
      code: 'MissingParameter',
      message: 'The request must contain the parameter MessageBody.',
    });
    await expectSqsError(send(url, 'bad \u0000 char'), 'InvalidMessageContents', {
      message:
        'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
    });
    await expectSqsError(send(url, 'lone \ud800 surrogate'), 'InvalidMessageContents');
    await expectSqsError(send(url, 'x'.repeat(1_048_577)), 'InvalidParameterValue', {
      message: 'One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.',
    });
    await send(url, 'x'.repeat(1_048_576));
    await sqs.send(
      new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { MaximumMessageSize: '1024' } }),
    );
    // Attribute names, types and values count towards the size too.
    await expectSqsError(
      send(url, 'x'.repeat(1000), {
        MessageAttributes: { attribute: { DataType: 'String', StringValue: 'y'.repeat(20) } },
      }),
      'InvalidParameterValue',
      { message: 'One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.' },
    );
  });

  it('refuses FIFO-only parameters on a standard queue and malformed group ids', async () => {
    const url = await queue();
    await expectSqsError(send(url, 'x', { MessageDeduplicationId: 'd' }), 'InvalidParameterValue', {
      message:
        'Value d for parameter MessageDeduplicationId is invalid. Reason: The request includes a parameter that is not valid for this queue type.',
    });
    await expectSqsError(send(url, 'x', { MessageGroupId: 'group 123' }), 'InvalidParameterValue', {
      message:
        'Value group 123 for parameter MessageGroupId is invalid. Reason: MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.',
    });
  });
});

describe('batches', () => {
  it('sends a batch, reporting per-entry failures beside the successes', async () => {
    const url = await queue();
    const out = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'a', MessageBody: 'one', MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } } },
          { Id: 'b', MessageBody: '' },
          { Id: 'c', MessageBody: 'three', DelaySeconds: 0 },
        ],
      }),
    );
    expect(out.Successful?.map((e) => e.Id)).toEqual(['a', 'c']);
    expect(out.Successful?.[0].MD5OfMessageBody).toBe(createHash('md5').update('one').digest('hex'));
    expect(out.Successful?.[0].MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
    expect(out.Failed).toEqual([
      {
        Id: 'b',
        SenderFault: true,
        Code: 'MissingParameter',
        Message: 'The request must contain the parameter MessageBody.',
      },
    ]);
    expect(await counts(url)).toMatchObject({ visible: 2 });
  });

  it('refuses malformed batches as a whole', async () => {
    const url = await queue();
    const batch = (Entries: { Id: string; MessageBody: string }[]) =>
      sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries }));
    await expectSqsError(batch([]), 'EmptyBatchRequest', {
      code: 'AWS.SimpleQueueService.EmptyBatchRequest',
      message: 'There should be at least one SendMessageBatchRequestEntry in the request.',
    });
    const many = Array.from({ length: 11 }, (_, i) => ({ Id: `m${i}`, MessageBody: 'x' }));
    await expectSqsError(batch(many), 'TooManyEntriesInBatchRequest', {
      code: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
      message: 'Maximum number of entries per request are 10. You have sent 11.',
    });
    await expectSqsError(batch([{ Id: 'bad:id', MessageBody: 'x' }]), 'InvalidBatchEntryId', {
      code: 'AWS.SimpleQueueService.InvalidBatchEntryId',
      message:
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
    });
    await expectSqsError(batch([{ Id: 'x'.repeat(81), MessageBody: 'x' }]), 'InvalidBatchEntryId');
    await expectSqsError(
      batch([
        { Id: 'same', MessageBody: 'x' },
        { Id: 'same', MessageBody: 'y' },
      ]),
      'BatchEntryIdsNotDistinct',
      { code: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct', message: 'Id same repeated.' },
    );
    await expectSqsError(
      batch([
        { Id: 'a', MessageBody: 'x'.repeat(524_288) },
        { Id: 'b', MessageBody: 'y'.repeat(524_289) },
      ]),
      'BatchRequestTooLong',
      {
        code: 'AWS.SimpleQueueService.BatchRequestTooLong',
        message: 'Batch requests cannot be longer than 1048576 bytes. You have sent 1048577 bytes.',
      },
    );
    expect(await counts(url)).toMatchObject({ visible: 0 });
  });

  it('deletes and changes visibility in batches, failing bad entries alone', async () => {
    const url = await queue();
    for (const b of ['1', '2', '3']) await send(url, b);
    const got = await receive(url, { MaxNumberOfMessages: 3 });
    expect(got).toHaveLength(3);
    const vis = await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'a', ReceiptHandle: got[0].ReceiptHandle, VisibilityTimeout: 0 },
          { Id: 'b', ReceiptHandle: 'garbage', VisibilityTimeout: 0 },
        ],
      }),
    );
    expect(vis.Successful).toEqual([{ Id: 'a' }]);
    expect(vis.Failed).toEqual([
      {
        Id: 'b',
        SenderFault: true,
        Code: 'ReceiptHandleIsInvalid',
        Message: 'The input receipt handle "garbage" is not a valid receipt handle.',
      },
    ]);
    expect(await counts(url)).toEqual({ visible: 1, inflight: 2, delayed: 0 });
    const del = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'x', ReceiptHandle: got[1].ReceiptHandle },
          { Id: 'y', ReceiptHandle: got[2].ReceiptHandle },
          { Id: 'z', ReceiptHandle: 'nope' },
        ],
      }),
    );
    expect(del.Successful).toEqual([{ Id: 'x' }, { Id: 'y' }]);
    expect(del.Failed?.map((f) => [f.Id, f.Code])).toEqual([['z', 'ReceiptHandleIsInvalid']]);
    expect(await counts(url)).toEqual({ visible: 1, inflight: 0, delayed: 0 });
    await expectSqsError(
      sqs.send(new DeleteMessageBatchCommand({ QueueUrl: url, Entries: [] })),
      'EmptyBatchRequest',
      {
        message: 'There should be at least one DeleteMessageBatchRequestEntry in the request.',
      },
    );
    await expectSqsError(
      sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: url, Entries: [] })),
      'EmptyBatchRequest',
    );
  });
});

describe('PurgeQueue', () => {
  it('drops every message, and only once a minute', async () => {
    const url = await queue();
    await send(url, 'a');
    await send(url, 'b', { DelaySeconds: 60 });
    await receive(url);
    await send(url, 'c');
    await sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
    expect(await counts(url)).toEqual({ visible: 0, inflight: 0, delayed: 0 });
    await expectSqsError(sqs.send(new PurgeQueueCommand({ QueueUrl: url })), 'PurgeQueueInProgress', {
      code: 'AWS.SimpleQueueService.PurgeQueueInProgress',
      status: 403,
    });
    await send(url, 'after');
    expect((await receive(url)).map((m) => m.Body)).toEqual(['after']);
  });
});
