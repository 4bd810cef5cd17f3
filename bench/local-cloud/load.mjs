// Load shapes of the local cloud bench: sequential timed calls, closed loops with a fixed number in
// flight (and the server's CPU over their window), and raw HTTP requests with no SDK in the way.

import http from 'node:http';
import { cpuMs } from '../lib/proc.mjs';
import { sleep } from '../lib/processes.mjs';
import { summarize } from '../lib/stats.mjs';
import { CREDENTIALS, N, REGION } from './config.mjs';

/** Runs op `warmup` times, then `count` times one after another, timing each of those. */
export async function timedSequence(count, warmup, op) {
  for (let i = 0; i < warmup; i++) await op(i);
  const samples = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await op(i);
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

/** Sequential keep-alive GETs with plain node:http: the round trip with no SDK in the way. */
export async function rawGets(endpoint, path) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const { hostname, port } = new URL(endpoint);
  const get = () =>
    new Promise((resolve, reject) => {
      const req = http.get({ hostname, port, path, agent }, (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`GET ${path}: ${res.statusCode}`)),
        );
      });
      req.on('error', reject);
    });
  const result = await timedSequence(N.httpGets, N.httpWarmup, get);
  agent.destroy();
  return result;
}

/** One SendMessage as a fixed awsJson request on a keep-alive connection: no SDK in the way. */
export function rawSqsSend(endpoint, queueUrl, messageBody) {
  const { hostname, port } = new URL(endpoint);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const payload = JSON.stringify({ QueueUrl: queueUrl, MessageBody: messageBody });
  const headers = {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(payload),
    'x-amz-target': 'AmazonSQS.SendMessage',
    authorization: `AWS4-HMAC-SHA256 Credential=${CREDENTIALS.accessKeyId}/20260101/${REGION}/sqs/aws4_request, SignedHeaders=host, Signature=0`,
  };
  return () =>
    new Promise((resolve, reject) => {
      const req = http.request({ hostname, port, method: 'POST', path: '/', agent, headers }, (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`raw SendMessage: HTTP ${res.statusCode}`)),
        );
      });
      req.on('error', reject);
      req.end(payload);
    });
}

/**
 * `inflight` closed loops calling op() back to back. After warmupMs (and `beforeWindow`, which a
 * worker uses to wait for the parent's go) a window of windowMs opens: completions inside it count.
 */
export async function closedLoop(op, inflight, { warmupMs, windowMs, beforeWindow, cpuPid }) {
  let start = Number.POSITIVE_INFINITY;
  let end = Number.POSITIVE_INFINITY;
  let stop = false;
  const latencies = [];
  const loops = Array.from({ length: inflight }, async () => {
    while (!stop) {
      const t0 = performance.now();
      await op();
      const t1 = performance.now();
      if (t1 > end) {
        stop = true;
        break;
      }
      if (t1 >= start) latencies.push(t1 - t0);
    }
  });
  let failure;
  const failed = Promise.all(loops).catch((e) => {
    failure = e;
    stop = true;
  });
  await Promise.race([sleep(warmupMs), failed]);
  if (!failure) await beforeWindow?.();
  const serverCpuMs = () => (cpuPid === undefined ? Number.NaN : (cpuMs(cpuPid) ?? Number.NaN));
  const cpuBefore = serverCpuMs();
  start = performance.now();
  end = start + windowMs;
  await failed;
  if (failure) throw failure;
  const cpuPerOp = (serverCpuMs() - cpuBefore) / latencies.length;
  return { count: latencies.length, perSecond: latencies.length / (windowMs / 1000), latencies, cpuPerOp };
}
