// SQS message and system attributes through the real SDK client: MD5OfMessageAttributes checked
// against values recorded from AWS, filters by name, prefix and All, and bad attributes.

import { createHash } from 'node:crypto';
import type { MessageAttributeValue } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { expectSqsError } from './sqsHelpers.js';
import { queue, receive, send, sqs, useSqsCloud } from './sqsMessageHelpers.js';

useSqsCloud();

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
