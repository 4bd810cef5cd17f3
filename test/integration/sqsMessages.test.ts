// SQS messages on standard queues through the real SDK client: send/receive/delete, checksums
// (checked against values recorded from AWS), attributes and filters, visibility timeouts,
// receipt handles, delays, retention, long polling, batches, purge, and every bad input.

import { createHash } from 'node:crypto';
import {
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type MessageAttributeValue,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  type ReceiveMessageCommandInput,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SendMessageCommandInput,
  SetQueueAttributesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../../src/local/index.js';
import { expectSqsError, sqsClient, uniqueQueue } from './sqsHelpers.js';

let local: LocalCloud;
let sqs: SQSClient;
/** A cloud at 1/100 speed: a 1 s visibility timeout lasts 10 ms, a 20 s long poll 200 ms. */
let fast: LocalCloud;
let fastSqs: SQSClient;
beforeAll(async () => {
  local = await startLocalCloud({ port: 0, ephemeral: true });
  sqs = sqsClient(local.endpoint);
  fast = await startLocalCloud({ port: 0, ephemeral: true, timeFactor: 0.01 });
  fastSqs = sqsClient(fast.endpoint);
});
afterAll(async () => {
  await local.stop();
  await fast.stop();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function queue(client = sqs, Attributes?: Record<string, string>): Promise<string> {
  return (await client.send(new CreateQueueCommand({ QueueName: uniqueQueue('msg'), Attributes }))).QueueUrl!;
}
const send = (
  QueueUrl: string,
  MessageBody: string,
  extra: Partial<SendMessageCommandInput> = {},
  client = sqs,
) => client.send(new SendMessageCommand({ QueueUrl, MessageBody, ...extra }));
const receive = async (QueueUrl: string, extra: Partial<ReceiveMessageCommandInput> = {}, client = sqs) =>
  (await client.send(new ReceiveMessageCommand({ QueueUrl, ...extra }))).Messages ?? [];
const counts = async (QueueUrl: string, client = sqs) => {
  const a = (
    await client.send(
      new GetQueueAttributesCommand({
        QueueUrl,
        AttributeNames: [
          'ApproximateNumberOfMessages',
          'ApproximateNumberOfMessagesNotVisible',
          'ApproximateNumberOfMessagesDelayed',
        ],
      }),
    )
  ).Attributes!;
  return {
    visible: Number(a.ApproximateNumberOfMessages),
    inflight: Number(a.ApproximateNumberOfMessagesNotVisible),
    delayed: Number(a.ApproximateNumberOfMessagesDelayed),
  };
};

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

describe('message attributes and checksums', () => {
  // MD5OfMessageAttributes values recorded from AWS itself (LocalStack's validated snapshots).
  const AWS_MD5 = {
    foobar: 'adb59cd4678ea5a855436b949cd07ab6',
    all: '4c360f3fdafd970e05fae2f149d997f5',
    helloGeneral: 'fca026605781cb4126a1e9044df24232',
    hello: 'a311262e065454b75da111d535b8dacd',
    helPrefix: '83fee93c1bcd8b9a5a923ffacdc636c7',
    binary: '8cbe4db156db8a94db8b801b7addb984',
  };
  const three: Record<string, MessageAttributeValue> = {
    'Help.Me': { DataType: 'String', StringValue: 'Me' },
    Hello: { DataType: 'String', StringValue: 'There' },
    General: { DataType: 'String', StringValue: 'Kenobi' },
  };

  it('computes MD5OfMessageAttributes exactly as AWS does', async () => {
    const url = await queue();
    const one = await send(url, 'x', {
      MessageAttributes: { MyAttribute: { DataType: 'String', StringValue: 'foobar' } },
    });
    expect(one.MD5OfMessageAttributes).toBe(AWS_MD5.foobar);
    expect((await send(url, 'msg', { MessageAttributes: three })).MD5OfMessageAttributes).toBe(AWS_MD5.all);
    const bytes = Buffer.from(
      'traceparent\x1e00-774062d6c37081a5a0b9b5b88e30627c-2d2482211f6489da-01',
      'latin1',
    );
    const bin = await send(url, 'b', {
      MessageAttributes: { attr1: { DataType: 'Binary', BinaryValue: bytes } },
    });
    expect(bin.MD5OfMessageAttributes).toBe(AWS_MD5.binary);
  });

  it('filters attributes by name, prefix.* and All, with the checksum of what is returned', async () => {
    const url = await queue(sqs, { VisibilityTimeout: '0' });
    await send(url, 'msg', { MessageAttributes: three });
    const pick = async (names: string[]) => (await receive(url, { MessageAttributeNames: names }))[0];
    for (const all of [['All'], ['.*'], ['*']]) {
      const m = await pick(all);
      expect(m.MessageAttributes).toEqual(three);
      expect(m.MD5OfMessageAttributes).toBe(AWS_MD5.all);
    }
    expect(await pick(['Hello', 'General'])).toMatchObject({ MD5OfMessageAttributes: AWS_MD5.helloGeneral });
    const some = await pick(['Foo', 'Hello']);
    expect(some.MessageAttributes).toEqual({ Hello: three.Hello });
    expect(some.MD5OfMessageAttributes).toBe(AWS_MD5.hello);
    const prefixed = await pick(['Hel.*']);
    expect(Object.keys(prefixed.MessageAttributes!).sort()).toEqual(['Hello', 'Help.Me']);
    expect(prefixed.MD5OfMessageAttributes).toBe(AWS_MD5.helPrefix);
    const none = await pick(['Foo', 'Help']);
    expect(none.MessageAttributes).toBeUndefined();
    expect(none.MD5OfMessageAttributes).toBeUndefined();
    expect((await pick([])).MessageAttributes).toBeUndefined();
  });

  it('round-trips Number, Binary and custom-typed attributes with matching checksums', async () => {
    const url = await queue();
    const attrs: Record<string, MessageAttributeValue> = {
      n: { DataType: 'Number', StringValue: '-12.5e3' },
      img: { DataType: 'Binary.png', BinaryValue: new Uint8Array([0, 1, 2, 255]) },
      s: { DataType: 'String.custom', StringValue: 'ü' },
    };
    const sent = await send(url, 'typed', { MessageAttributes: attrs });
    expect(sent.MD5OfMessageAttributes).toBe(referenceMd5(attrs));
    const [m] = await receive(url, { MessageAttributeNames: ['All'] });
    expect(m.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
    expect(m.MessageAttributes?.n).toEqual(attrs.n);
    expect(m.MessageAttributes?.s).toEqual(attrs.s);
    expect(Buffer.from(m.MessageAttributes!.img.BinaryValue!)).toEqual(Buffer.from([0, 1, 2, 255]));
  });

  it('returns system attributes by name, All, or the legacy AttributeNames', async () => {
    const url = await queue(sqs, { VisibilityTimeout: '0' });
    const before = Date.now();
    await send(url, 'sys', {
      MessageSystemAttributes: {
        AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-5759e988-bd862e3fe1be46a994272793' },
      },
    });
    const first = (await receive(url, { MessageSystemAttributeNames: ['All'] }))[0].Attributes!;
    expect(first.SenderId).toBe('000000000000');
    expect(Number(first.SentTimestamp)).toBeGreaterThanOrEqual(before);
    expect(first.ApproximateReceiveCount).toBe('1');
    expect(first.AWSTraceHeader).toBe('Root=1-5759e988-bd862e3fe1be46a994272793');
    const second = (await receive(url, { AttributeNames: ['All'] }))[0].Attributes!;
    expect(second.ApproximateReceiveCount).toBe('2');
    expect(second.ApproximateFirstReceiveTimestamp).toBe(first.ApproximateFirstReceiveTimestamp);
    expect(
      (await receive(url, { MessageSystemAttributeNames: ['SenderId', 'SequenceNumber'] }))[0].Attributes,
    ).toEqual({
      SenderId: '000000000000',
    });
  });

  it('refuses bad attributes with AWS errors', async () => {
    const url = await queue();
    const bad = (MessageAttributes: Record<string, MessageAttributeValue>) =>
      send(url, 'x', { MessageAttributes });
    await expectSqsError(
      bad({ ErrorDetails: { DataType: 'String', StringValue: '' } }),
      'InvalidParameterValue',
      {
        message: "Message (user) attribute 'ErrorDetails' must contain a non-empty value of type 'String'.",
      },
    );
    await expectSqsError(bad({ 'AWS.x': { DataType: 'String', StringValue: 'v' } }), 'InvalidParameterValue');
    await expectSqsError(bad({ 'a b': { DataType: 'String', StringValue: 'v' } }), 'InvalidParameterValue');
    await expectSqsError(bad({ a: { DataType: 'Text', StringValue: 'v' } }), 'InvalidParameterValue');
    await expectSqsError(bad({ a: { DataType: 'Number', StringValue: 'twelve' } }), 'InvalidParameterValue');
    const eleven = Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: 'String', StringValue: 'v' }]),
    );
    await expectSqsError(bad(eleven), 'InvalidParameterValue', {
      message: 'Number of message attributes [11] exceeds the allowed maximum [10].',
    });
    await expectSqsError(
      send(url, 'x', {
        MessageSystemAttributes: { Other: { DataType: 'String', StringValue: 'v' } } as never,
      }),
      'InvalidParameterValue',
    );
  });
});

/** An independent implementation of AWS's attribute digest, for attributes without AWS samples. */
function referenceMd5(attrs: Record<string, MessageAttributeValue>): string {
  const parts: Buffer[] = [];
  const field = (b: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    parts.push(len, b);
  };
  for (const name of Object.keys(attrs).sort()) {
    const a = attrs[name];
    field(Buffer.from(name));
    field(Buffer.from(a.DataType!));
    if (a.BinaryValue) {
      parts.push(Buffer.from([2]));
      field(Buffer.from(a.BinaryValue));
    } else {
      parts.push(Buffer.from([1]));
      field(Buffer.from(a.StringValue!));
    }
  }
  return createHash('md5').update(Buffer.concat(parts)).digest('hex');
}

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
