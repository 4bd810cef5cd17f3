// Throws random, truncated and wrongly-typed requests at every operation of every service and
// checks the server answers each with an AWS-shaped client error, never a 500, and keeps answering.

import { describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local/index.js';
import { useLocalCloud } from '../helpers/localCloud.js';

let local: LocalCloud;
useLocalCloud((l) => {
  local = l;
});

/** A small seeded PRNG so a failing case can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const JUNK: unknown[] = [
  null,
  0,
  -1,
  1e308,
  '',
  'x'.repeat(300),
  true,
  [],
  {},
  [1, 'a'],
  { a: { b: 1 } },
  'ü\u0000',
];

function junkBody(rand: () => number, members: string[]): string {
  const doc: Record<string, unknown> = {};
  for (const m of members) if (rand() < 0.6) doc[m] = JUNK[Math.floor(rand() * JUNK.length)];
  const text = JSON.stringify(doc);
  // Sometimes truncated mid-document.
  return rand() < 0.3 ? text.slice(0, Math.floor(rand() * text.length)) : text;
}

function auth(service: string): string {
  return `AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`;
}

describe('fuzz: bad input never crashes the server', () => {
  it('answers every malformed request with a client error', async () => {
    const rand = rng(20261121);
    const failures: string[] = [];
    for (const service of local.services) {
      for (const op of (await service.operations()).values()) {
        if (!service.actions[op.name]) continue;
        const members = [...op.input.structIterator()].map(([name]) => name);
        for (let i = 0; i < 3; i++) {
          const body = junkBody(rand, members);
          const headers: Record<string, string> = { authorization: auth(service.signingName) };
          let url = local.endpoint;
          let method = 'POST';
          if (service.codec.name === 'json') {
            headers['x-amz-target'] = `${service.targetPrefixes?.[0] ?? 'X'}.${op.name}`;
            headers['content-type'] = 'application/x-amz-json-1.1';
          } else if (service.codec.name === 'query') {
            headers['content-type'] = 'application/x-www-form-urlencoded';
          } else if (op.http) {
            method = op.http.method;
            const path = op.http.uri
              .split('?')[0]
              .replace(
                /\{[^}]+\}/g,
                () => encodeURIComponent(String(JUNK[Math.floor(rand() * JUNK.length)])) || 'x',
              );
            url += service.signingName === 's3' ? `/fuzz-bucket${path}` : path;
            headers['content-type'] = 'application/json';
          }
          const payload =
            service.codec.name === 'query'
              ? `Action=${op.name}&${members.map((m) => `${m}=${encodeURIComponent(String(JUNK[Math.floor(rand() * JUNK.length)]))}`).join('&')}`
              : body;
          const res = await fetch(url, {
            method,
            headers,
            body: method === 'GET' || method === 'HEAD' ? undefined : payload,
          });
          const text = await res.text();
          if (res.status >= 500 && res.status !== 501 && res.status !== 503) {
            failures.push(`${service.signingName}.${op.name} ${res.status} ${text.slice(0, 200)}`);
          }
          if (/\n\s+at .+\(.+:\d+:\d+\)/.test(text))
            failures.push(`${service.signingName}.${op.name} leaked a stack`);
        }
      }
    }
    expect(failures).toEqual([]);
    const health = await fetch(`${local.endpoint}/_faas/health`);
    expect(health.status).toBe(200);
  });
});
