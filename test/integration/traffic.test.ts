import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendEvents } from '../../src/traffic/send.js';
import { verifyEvents } from '../../src/traffic/verify.js';

let server: Server;
let url: string;
beforeAll(async () => {
  // A stand-in ingest API: 201 with an id, except bodies marked `reject`.
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const parsed = JSON.parse(body);
      if (req.headers.token !== 't0k') {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'Unauthorized', message: 'missing or wrong token' } }));
        return;
      }
      if (parsed.reject) {
        res.writeHead(400).end(JSON.stringify({ error: { code: 'BadRequest', message: 'rejected' } }));
        return;
      }
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify(parsed.omitId ? parsed : { ...parsed, id: randomUUID() }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
});
afterAll(() => {
  server.close();
});

describe('sendEvents', () => {
  it('posts count events with bounded concurrency and reports accepted, failures and latency', async () => {
    let progress = 0;
    const result = await sendEvents({
      url,
      headers: { 'content-type': 'application/json', token: 't0k' },
      body: (i) => (i % 10 === 3 ? { i, reject: true } : { i }),
      count: 50,
      concurrency: 8,
      onProgress: (done) => {
        progress = done;
      },
    });
    expect(result.sent).toBe(50);
    expect(result.accepted).toHaveLength(45);
    expect(result.failures.map((f) => f.index)).toEqual([3, 13, 23, 33, 43]);
    expect(result.failures[0]).toEqual({ index: 3, status: 400, message: 'BadRequest: rejected' });
    expect(progress).toBe(50);
    expect(result.latencyMs.p99).toBeGreaterThan(0);
    expect(result.latencyMs.p50).toBeLessThanOrEqual(result.latencyMs.p99);
  });

  it('counts a 201 without an id as a failure: it could never be verified', async () => {
    const result = await sendEvents({
      url,
      headers: { token: 't0k' },
      body: () => ({ omitId: true }),
      count: 1,
      concurrency: 1,
    });
    expect(result.accepted).toEqual([]);
    expect(result.failures).toEqual([
      { index: 0, status: 201, message: 'answer has no id: {"omitId":true}' },
    ]);
  });

  it("reports the API's error for a wrong token", async () => {
    const result = await sendEvents({
      url,
      headers: { token: 'nope' },
      body: () => ({}),
      count: 1,
      concurrency: 1,
    });
    expect(result.failures).toEqual([
      { index: 0, status: 401, message: 'Unauthorized: missing or wrong token' },
    ]);
  });
});

describe('verifyEvents', () => {
  function fakeS3(objects: Map<string, unknown>): S3Client {
    return {
      send: async (cmd: { input: { Key: string } }) => {
        const v = objects.get(cmd.input.Key);
        if (v === undefined)
          throw new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} });
        return { Body: { transformToString: async () => JSON.stringify(v) } };
      },
    } as unknown as S3Client;
  }

  it('classifies found, different and missing, waiting for late objects until the deadline', async () => {
    const objects = new Map<string, unknown>([
      ['events/a.json', { x: 1, id: 'a' }],
      ['events/b.json', { x: 999, id: 'b' }],
    ]);
    let t = 0;
    const result = await verifyEvents({
      s3: fakeS3(objects),
      bucket: 'bkt',
      records: [
        { id: 'a', body: { x: 1 } },
        { id: 'b', body: { x: 2 } },
        { id: 'c', body: { x: 3 } },
        { id: 'd', body: { x: 4 } },
      ],
      timeoutMs: 1000,
      now: () => t,
      sleep: async (ms) => {
        t += ms;
        objects.set('events/c.json', { x: 3, id: 'c' });
      },
    });
    expect(result.map((r) => [r.id, r.state])).toEqual([
      ['a', 'found'],
      ['b', 'different'],
      ['c', 'found'],
      ['d', 'missing'],
    ]);
    expect(result[1].actual).toEqual({ x: 999, id: 'b' });
  });
});
