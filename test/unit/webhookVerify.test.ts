// verify --last for webhooks: exactly once per id, and per group the stored sequence order equals
// the send order and the processing order; missing ones are waited for until the deadline.
import type { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import type { SentWebhook } from '../../src/traffic/webhookSend.js';
import { verifyWebhooks } from '../../src/traffic/webhookVerify.js';

interface Stored {
  id: string;
  sequenceNumber: string;
  receivedAt?: string;
}

/** S3 reduced to ListObjectsV2 and GetObject over a map of key → stored webhook. */
function fakeS3(objects: Map<string, Stored>): S3Client {
  return {
    send: async (command: { constructor: { name: string }; input: Record<string, string> }) => {
      if (command.constructor.name === 'ListObjectsV2Command') {
        const keys = [...objects.keys()].filter((k) => k.startsWith(command.input['Prefix']!));
        return { Contents: keys.map((Key) => ({ Key })) };
      }
      const text = JSON.stringify(objects.get(command.input['Key']!));
      return { Body: { transformToString: async () => text } };
    },
  } as unknown as S3Client;
}

const sent = (group: string, ...ids: string[]): SentWebhook[] =>
  ids.map((id, n) => ({ id, group, n, body: {} }));

function run(records: SentWebhook[], objects: Map<string, Stored>) {
  let now = 0;
  return verifyWebhooks({
    s3: fakeS3(objects),
    bucket: 'b',
    records,
    timeoutMs: 1_000,
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  });
}

describe('verifyWebhooks', () => {
  it('accepts every webhook once, in send order per group (sequence numbers beyond 2^53)', async () => {
    const objects = new Map([
      ['webhooks/a/18446744073709551610.json', { id: 'a1', sequenceNumber: '18446744073709551610' }],
      ['webhooks/a/18446744073709551611.json', { id: 'a2', sequenceNumber: '18446744073709551611' }],
      ['webhooks/b/5.json', { id: 'b1', sequenceNumber: '5' }],
    ]);
    expect(await run([...sent('a', 'a1', 'a2'), ...sent('b', 'b1')], objects)).toEqual({
      found: 3,
      missing: [],
      duplicated: [],
      outOfOrder: [],
    });
  });

  it('reports a group stored out of send order, a duplicate and a missing webhook', async () => {
    const objects = new Map([
      ['webhooks/a/2.json', { id: 'a1', sequenceNumber: '2' }],
      ['webhooks/a/1.json', { id: 'a2', sequenceNumber: '1' }],
      ['webhooks/b/1.json', { id: 'b1', sequenceNumber: '1' }],
      ['webhooks/b/2.json', { id: 'b1', sequenceNumber: '2' }],
    ]);
    const report = await run([...sent('a', 'a1', 'a2'), ...sent('b', 'b1', 'b2')], objects);
    expect(report).toEqual({ found: 3, missing: ['b2'], duplicated: ['b1'], outOfOrder: ['a'] });
  });

  it('reports a group processed out of its sequence order; the same millisecond is in order', async () => {
    const at = (ms: number) => new Date(Date.UTC(2026, 10, 22, 0, 0, 0, ms)).toISOString();
    const objects = new Map([
      ['webhooks/a/1.json', { id: 'a1', sequenceNumber: '1', receivedAt: at(5) }],
      ['webhooks/a/2.json', { id: 'a2', sequenceNumber: '2', receivedAt: at(5) }],
      ['webhooks/a/3.json', { id: 'a3', sequenceNumber: '3', receivedAt: at(7) }],
      ['webhooks/b/1.json', { id: 'b1', sequenceNumber: '1', receivedAt: at(9) }],
      ['webhooks/b/2.json', { id: 'b2', sequenceNumber: '2', receivedAt: at(8) }],
    ]);
    const report = await run([...sent('a', 'a1', 'a2', 'a3'), ...sent('b', 'b1', 'b2')], objects);
    expect(report).toEqual({ found: 5, missing: [], duplicated: [], outOfOrder: ['b'] });
  });
});
