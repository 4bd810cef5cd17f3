// Benchmarks the embedded local cloud (dist/local) against references measured in the same run: a
// bare Node loopback HTTP server (the physical floor) and moto_server (a peer emulator) when on PATH.
// Run with `npm run build && node bench/local-cloud.mjs`; bench/README.md says what each number means.
//
// The same file runs in three roles: the bench itself (no argument), `--bare-server` (the floor
// server, as its own process so it is measured like the local cloud is) and `--s3-worker` (one of
// the client processes of the multi-process S3 run). Only Node built-ins are imported statically, so
// the bare server starts as fast as a bare Node server can.

import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The SDK warns on stderr that its 2027 releases will need Node 22; not what this bench is about.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const SELF = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MAIN = join(ROOT, 'dist', 'local', 'main.js');
const REGION = 'us-east-1';
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
const ROLE = 'arn:aws:iam::000000000000:role/bench';

/** Sizes of every loop: bounded, and chosen so the whole run stays well under three minutes. */
const N = {
  boots: 10,
  floorBoots: 10,
  motoBoots: 3,
  httpWarmup: 200,
  httpGets: 2000,
  invokeWarmup: 200,
  invokes: 2000,
  colds: 10,
  coldCreates: 5,
  eventWarmup: 5,
  events: 200,
  apiInvokes: 100,
  sqsSendWarmup: 200,
  sqsSends: 2000,
  sqsDrain: 2000,
};
const LOAD = {
  inflight: 16,
  // Client processes of the multi-process S3 run: more than the cores left beside the server only
  // makes them fight over CPU.
  workers: Math.max(1, Number(process.env.BENCH_S3_WORKERS ?? Math.min(4, Math.max(2, cpus().length - 1)))),
  warmupMs: 500,
  windowMs: 3000,
  objectBytes: 1024,
};
const TARGETS = {
  bootMs: 300,
  warmP50Ms: 3,
  warmP99Ms: 15,
  coldMs: 250,
  s3PerSecond: 2000,
  eventP50Ms: 10,
  cloudRssMb: 150,
  envRssMb: 80,
  sqsSendP50Ms: 0.5,
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------------
// Statistics and printing

function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) };
}

const median = (samples) => summarize(samples).p50;

function fmtMs(value) {
  if (!Number.isFinite(value)) return 'n/a';
  return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
}

const fmtRate = (value) =>
  Number.isFinite(value) ? `${Math.round(value).toLocaleString('en-US')}/s` : 'n/a';
const fmtMb = (kb) => (Number.isFinite(kb) ? `${(kb / 1024).toFixed(1)} MB` : 'n/a');

function fmtRatio(ours, ref) {
  if (!Number.isFinite(ours) || !Number.isFinite(ref) || ref === 0) return 'n/a';
  const r = ours / ref;
  return `${r < 10 ? r.toFixed(2) : r.toFixed(1)}×`;
}

/**
 * One table per section. A row: name, our figure, references as [label, formatted, ratio], the
 * target and whether it is met (undefined when the row has no target).
 */
function printTable(title, rows, notes = []) {
  const header = ['measure', 'faas local', 'reference(s)', 'ours ÷ reference', 'target', 'result'];
  const cells = rows.map((r) => [
    r.name,
    r.ours,
    r.refs?.length ? r.refs.map(([label, value]) => `${label} ${value}`).join(', ') : '—',
    r.refs?.length ? r.refs.map(([label, , ratio]) => `${ratio} ${label}`).join(', ') : '—',
    r.target ?? '—',
    r.met === undefined ? '—' : r.met ? 'met' : 'NOT MET',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n### ${title}\n`);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells) console.log(line(c));
  for (const note of notes) console.log(`  · ${note}`);
}

// ---------------------------------------------------------------------------------------------------
// Processes: everything spawned is tracked and killed on the way out, whatever the way out is.

const children = new Set();
const lambdaPids = new Set();

function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function killEverything() {
  for (const child of children) child.kill('SIGKILL');
  // Environments die with their runtime API socket; kill any that have not yet, by pid.
  for (const pid of lambdaPids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

async function stopChild(child, graceMs = 5000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Spawns a process that prints `ready <endpoint>[ in Nms]`; resolves with the time that took. */
function spawnReady(command, args, { timeoutMs = 20_000 } = {}) {
  const started = performance.now();
  const child = track(
    spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    }),
  );
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} not ready after ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onExit = (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(' ')} exited (${code}) before ready:\n${out}`));
    };
    child.once('exit', onExit);
    child.stderr.on('data', (d) => {
      out += d;
    });
    const onData = (d) => {
      out += d;
      const m = /^ready (\S+)(?: in (\d+)ms)?/m.exec(out);
      if (!m) return;
      const readyMs = performance.now() - started;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout.off('data', onData);
      child.stdout.resume(); // keep draining: a full pipe would block the child
      child.stderr.resume();
      resolve({ child, endpoint: m[1], readyMs, reportedMs: m[2] === undefined ? Number.NaN : Number(m[2]) });
    };
    child.stdout.on('data', onData);
  });
}

/** Extra main.js flags for every local cloud this bench starts, e.g. BENCH_CLOUD_ARGS=--no-postgres. */
const CLOUD_ARGS = (process.env.BENCH_CLOUD_ARGS ?? '').split(' ').filter(Boolean);

/** The local cloud as its own process; --quiet turns off its one log line per request. */
function startCloud({ dataDir } = {}) {
  const args = [MAIN, '--port', '0', '--quiet', ...CLOUD_ARGS];
  args.push(...(dataDir ? ['--data-dir', dataDir] : ['--ephemeral']));
  return spawnReady(process.execPath, args);
}

const startBare = () => spawnReady(process.execPath, [SELF, '--bare-server']);

function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, command)));
}

async function freePort() {
  const server = http.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(undefined));
  });
}

/** moto_server prints nothing machine-readable: ready is its first HTTP answer (polled every 5 ms). */
async function startMoto() {
  const port = await freePort();
  const started = performance.now();
  const child = track(spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' }));
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = started + 30_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}`);
    if ((await httpStatus(`${endpoint}/moto-api/`)) !== undefined)
      return { child, endpoint, readyMs: performance.now() - started };
    await sleep(5);
  }
  child.kill('SIGKILL');
  throw new Error('moto_server not ready after 30 s');
}

// ---------------------------------------------------------------------------------------------------
// Process facts from /proc (Linux); elsewhere RSS comes from `ps` and the rest reads n/a.

function rssKb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rss: field('VmRSS'), hwm: field('VmHWM') };
  } catch {
    try {
      const rss = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
      return { rss, hwm: Number.NaN };
    } catch {
      return { rss: Number.NaN, hwm: Number.NaN };
    }
  }
}

let clockTicks;
/** CPU time (user + system, all threads) a process has used so far, in ms; NaN without /proc. */
function cpuMs(pid) {
  try {
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  } catch {
    return Number.NaN;
  }
}

function childPids(ppid) {
  const pids = [];
  let entries = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return pids;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command (which may hold spaces or parentheses): state, ppid, …
      const [, parent] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(parent) === ppid) pids.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return pids;
}

function lambdaFunctionOf(pid) {
  try {
    const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    return environ.find((v) => v.startsWith('AWS_LAMBDA_FUNCTION_NAME='))?.slice(25);
  } catch {
    return undefined;
  }
}

/** The execution environments (child processes) of a local cloud, by function name. */
function environments(cloudPid) {
  const envs = [];
  for (const pid of childPids(cloudPid)) {
    const fn = lambdaFunctionOf(pid);
    if (fn === undefined) continue;
    lambdaPids.add(pid);
    envs.push({ pid, fn, ...rssKb(pid) });
  }
  return envs;
}

// ---------------------------------------------------------------------------------------------------
// Load shapes

/** Sequential keep-alive GETs with plain node:http: the round trip with no SDK in the way. */
async function rawGets(endpoint, path) {
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
  for (let i = 0; i < N.httpWarmup; i++) await get();
  const samples = [];
  for (let i = 0; i < N.httpGets; i++) {
    const t0 = performance.now();
    await get();
    samples.push(performance.now() - t0);
  }
  agent.destroy();
  return summarize(samples);
}

async function timedSequence(count, warmup, op) {
  for (let i = 0; i < warmup; i++) await op(i);
  const samples = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await op(i);
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

/**
 * `inflight` closed loops calling op() back to back. After warmupMs (and `beforeWindow`, which a
 * worker uses to wait for the parent's go) a window of windowMs opens: completions inside it count.
 */
async function closedLoop(op, inflight, { warmupMs, windowMs, beforeWindow, cpuPid }) {
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
  const cpuBefore = cpuPid === undefined ? Number.NaN : cpuMs(cpuPid);
  start = performance.now();
  end = start + windowMs;
  await failed;
  if (failure) throw failure;
  const cpuPerOp = cpuPid === undefined ? Number.NaN : (cpuMs(cpuPid) - cpuBefore) / latencies.length;
  return { count: latencies.length, perSecond: latencies.length / (windowMs / 1000), latencies, cpuPerOp };
}

// ---------------------------------------------------------------------------------------------------
// Roles other than the bench itself

/** The floor's ReceiveMessage answer: always 10 messages of 256 B (the SQS client checks their MD5s). */
const FLOOR_RECEIVE = JSON.stringify({
  Messages: Array.from({ length: 10 }, (_, i) => ({
    MessageId: randomUUID(),
    ReceiptHandle: `floor-${i}`,
    Body: 'x'.repeat(256),
    MD5OfBody: createHash('md5').update('x'.repeat(256)).digest('hex'),
  })),
});

/** The floor: answers every request at once, with just enough for the SDK to accept the answer. */
function bareServer() {
  const server = http.createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      let body = '{}';
      if (target.endsWith('.SendMessage')) {
        // The SQS client checks the body's MD5, so even the floor has to compute it.
        const { MessageBody } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const md5 = createHash('md5').update(MessageBody).digest('hex');
        body = JSON.stringify({ MessageId: randomUUID(), MD5OfMessageBody: md5 });
      } else if (target.endsWith('.ReceiveMessage')) {
        body = FLOOR_RECEIVE;
      } else if (target.endsWith('.DeleteMessageBatch')) {
        const { Entries } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        body = JSON.stringify({ Successful: Entries.map(({ Id }) => ({ Id })), Failed: [] });
      } else if (target.endsWith('.PutEvents')) {
        body = JSON.stringify({ FailedEntryCount: 0, Entries: [{ EventId: randomUUID() }] });
      }
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`ready http://127.0.0.1:${server.address().port}\n`);
  });
  process.on('SIGTERM', () => process.exit(0));
}

/** One SendMessage as a fixed awsJson request on a keep-alive connection: no SDK in the way. */
function rawSqsSend(endpoint, queueUrl, messageBody) {
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

const s3Client = (S3Client, endpoint) =>
  new S3Client({ endpoint, region: REGION, credentials: CREDENTIALS, forcePathStyle: true, maxAttempts: 1 });

/** One client process of the multi-process S3 run: its own S3Client, its share of the 16 in flight. */
async function s3Worker() {
  const { PutObjectCommand, S3Client } = await import('@aws-sdk/client-s3');
  const { endpoint, bucket, inflight, tag } = JSON.parse(process.env.BENCH_WORKER ?? '{}');
  const client = s3Client(S3Client, endpoint);
  const body = Buffer.alloc(LOAD.objectBytes, 0x61);
  let n = 0;
  const result = await closedLoop(
    () => client.send(new PutObjectCommand({ Bucket: bucket, Key: `${tag}/${n++}`, Body: body })),
    inflight,
    {
      warmupMs: LOAD.warmupMs,
      windowMs: LOAD.windowMs,
      beforeWindow: () =>
        new Promise((resolve) => {
          process.once('message', resolve);
          process.send({ ready: true });
        }),
    },
  );
  process.send({ count: result.count, latencies: result.latencies }, () => process.exit(0));
}

// ---------------------------------------------------------------------------------------------------
// The bench

function zipOf(fflate, source) {
  return fflate.zipSync({ 'index.js': fflate.strToU8(source) });
}

const ECHO_HANDLER = 'exports.handler = async (event) => event;';

/** Records its start time (wall clock, sub-millisecond) and reports it to the bench over HTTP. */
const EVENTS_HANDLER = `const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
exports.handler = async (event) => {
  const startedAt = performance.timeOrigin + performance.now();
  const { port, i } = event.detail;
  await new Promise((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: '/' + i + '/' + startedAt, agent },
      (res) => { res.resume(); res.on('end', resolve); },
    );
    req.on('error', resolve);
    req.end();
  });
  return null;
};`;

const wallNow = () => performance.timeOrigin + performance.now();

/** Where the events handler reports its start times. */
async function arrivalServer() {
  const arrivals = new Map();
  const waiters = new Map();
  const server = http.createServer((req, res) => {
    const [, i, t] = (req.url ?? '').split('/');
    arrivals.set(Number(i), Number(t));
    waiters.get(Number(i))?.();
    res.end('ok');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    wait(i, timeoutMs) {
      if (arrivals.has(i)) return Promise.resolve(arrivals.get(i));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`event ${i} did not reach the Lambda target`)),
          timeoutMs,
        );
        waiters.set(i, () => {
          clearTimeout(timer);
          waiters.delete(i);
          resolve(arrivals.get(i));
        });
      });
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function main() {
  if (!existsSync(MAIN)) {
    console.error(`${MAIN} is missing: run \`npm run build\` first (or npm run bench:local)`);
    process.exit(1);
  }
  const sdk = {
    lambda: await import('@aws-sdk/client-lambda'),
    s3: await import('@aws-sdk/client-s3'),
    sqs: await import('@aws-sdk/client-sqs'),
    events: await import('@aws-sdk/client-eventbridge'),
  };
  const fflate = await import('fflate');
  const release = await import('../dist/release/index.js');
  const hasMoto = onPath('moto_server');
  const runStarted = performance.now();
  const [l1, l5] = loadavg();
  console.log(
    `faas local cloud bench — node ${process.version}, ${cpus().length} CPU(s), load average ${l1.toFixed(2)} / ${l5.toFixed(2)} (1 / 5 min)` +
      `, moto_server ${hasMoto ? 'on PATH' : 'not on PATH: its columns are skipped'}`,
  );
  if (l1 > cpus().length * 0.5)
    console.log(
      '  · the machine is already busy: expect noisy figures, compare ratios rather than absolutes',
    );

  const failures = [];
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  const section = async (name, fn) => {
    const key = name.split(' ')[0].toLowerCase();
    if (only && !only.includes(key)) return;
    try {
      await fn();
    } catch (e) {
      failures.push(name);
      console.log(`\n### ${name}\n\n  FAILED: ${e instanceof Error ? (e.stack ?? e.message) : e}`);
    }
  };

  // ---- 1. Boot to ready ---------------------------------------------------------------------------
  await section('Boot to ready', async () => {
    const ours = [];
    const reported = [];
    for (let i = 0; i < N.boots; i++) {
      const started = await startCloud();
      ours.push(started.readyMs);
      reported.push(started.reportedMs);
      await stopChild(started.child);
    }
    const floor = [];
    for (let i = 0; i < N.floorBoots; i++) {
      const started = await startBare();
      floor.push(started.readyMs);
      await stopChild(started.child);
    }
    const moto = [];
    if (hasMoto) {
      for (let i = 0; i < N.motoBoots; i++) {
        const started = await startMoto();
        moto.push(started.readyMs);
        await stopChild(started.child);
      }
    }
    const oursMed = median(ours);
    const refs = [['floor', fmtMs(median(floor)), fmtRatio(oursMed, median(floor))]];
    if (hasMoto) refs.push(['moto', fmtMs(median(moto)), fmtRatio(oursMed, median(moto))]);
    printTable(
      'Boot to ready (spawn → ready line), median',
      [
        {
          name: `main.js --ephemeral, spawn → ready (n=${N.boots})`,
          ours: fmtMs(oursMed),
          refs,
          target: `≤ ${TARGETS.bootMs} ms`,
          met: oursMed <= TARGETS.bootMs,
        },
        { name: '  max of the runs', ours: fmtMs(Math.max(...ours)), refs: [] },
        { name: '  as the server reports it (`in Nms`)', ours: fmtMs(median(reported)), refs: [] },
        {
          name: '  the rest: Node start-up + loading modules',
          ours: fmtMs(median(ours.map((t, i) => t - reported[i]))),
          refs: [],
        },
      ],
      [
        `floor: a bare node:http server process (this file with --bare-server), spawn → ready line, n=${N.floorBoots}`,
        hasMoto
          ? `moto: moto_server spawn → first HTTP answer (polled every 5 ms), n=${N.motoBoots}`
          : 'moto: not on PATH, skipped',
        '`in Nms` counts from main.js’s first line to listening: it leaves out Node’s own start and module loading',
      ],
    );
  });

  // ---- Long-lived processes for the load sections -------------------------------------------------
  const dataDir = mkdtempSync(join(tmpdir(), 'faas-bench-'));
  const procs = {};
  const clients = [];
  const client = (Client, endpoint, extra = {}) => {
    const c = new Client({ endpoint, region: REGION, credentials: CREDENTIALS, maxAttempts: 1, ...extra });
    clients.push(c);
    return c;
  };
  try {
    procs.durable = await startCloud({ dataDir });
    procs.ephemeral = await startCloud();
    procs.bare = await startBare();
    if (hasMoto) procs.moto = await startMoto();
    console.log(
      `\nload processes: faas local durable (data dir, fdatasync'ed journal — the default of \`faas local start\`) pid ${procs.durable.child.pid}` +
        `, faas local --ephemeral pid ${procs.ephemeral.child.pid}, bare floor pid ${procs.bare.child.pid}` +
        (procs.moto ? `, moto_server pid ${procs.moto.child.pid}` : '') +
        `; all with per-request logging off${CLOUD_ARGS.length ? ` and ${CLOUD_ARGS.join(' ')}` : ''}, the bench’s clients in this process`,
    );

    // ---- 2. HTTP floor ------------------------------------------------------------------------------
    await section('HTTP round trip', async () => {
      const bare = await rawGets(procs.bare.endpoint, '/');
      const ours = await rawGets(procs.durable.endpoint, '/_faas/health');
      printTable(
        `Loopback HTTP round trip, sequential keep-alive GET, plain node:http client (n=${N.httpGets})`,
        [
          {
            name: 'p50',
            ours: fmtMs(ours.p50),
            refs: [['floor', fmtMs(bare.p50), fmtRatio(ours.p50, bare.p50)]],
          },
          {
            name: 'p99',
            ours: fmtMs(ours.p99),
            refs: [['floor', fmtMs(bare.p99), fmtRatio(ours.p99, bare.p99)]],
          },
        ],
        [
          'ours: GET /_faas/health (the server’s whole request path, no service action); floor: GET / on the bare server',
        ],
      );
    });

    // ---- 3. Lambda ----------------------------------------------------------------------------------
    const L = sdk.lambda;
    const lambda = client(L.LambdaClient, procs.durable.endpoint);
    const waiter = { client: lambda, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.2 };
    const createFunction = async (name, source, extra = {}) => {
      await lambda.send(
        new L.CreateFunctionCommand({
          FunctionName: name,
          Runtime: 'nodejs22.x',
          Role: ROLE,
          Handler: 'index.handler',
          Code: { ZipFile: typeof source === 'string' ? zipOf(fflate, source) : source },
          ...extra,
        }),
      );
      await L.waitUntilFunctionActiveV2(waiter, { FunctionName: name });
    };
    const invokeOk = async (lc, name, payload, extra = {}) => {
      const out = await lc.send(
        new L.InvokeCommand({ FunctionName: name, Payload: Buffer.from(payload), ...extra }),
      );
      if (out.FunctionError)
        throw new Error(`${name} failed: ${out.FunctionError} ${Buffer.from(out.Payload ?? []).toString()}`);
      return out;
    };
    const initDurationOf = (out) => {
      const log = Buffer.from(out.LogResult ?? '', 'base64').toString('utf8');
      return Number(/Init Duration: ([\d.]+) ms/.exec(log)?.[1] ?? Number.NaN);
    };

    await section('Lambda Invoke', async () => {
      await createFunction('bench-echo', ECHO_HANDLER);
      const payload = '{"n":1}';
      const ours = await timedSequence(N.invokes, N.invokeWarmup, () =>
        invokeOk(lambda, 'bench-echo', payload),
      );
      const bareLambda = client(L.LambdaClient, procs.bare.endpoint);
      const floor = await timedSequence(N.invokes, N.invokeWarmup, () =>
        invokeOk(bareLambda, 'bench-echo', payload),
      );

      // Cold: a configuration change retires the environments; the next Invoke starts a new one.
      await createFunction('bench-cold', ECHO_HANDLER);
      const cold = [];
      const init = [];
      for (let i = 0; i < N.colds; i++) {
        await lambda.send(
          new L.UpdateFunctionConfigurationCommand({
            FunctionName: 'bench-cold',
            Environment: { Variables: { ROUND: String(i) } },
          }),
        );
        await L.waitUntilFunctionUpdatedV2(waiter, { FunctionName: 'bench-cold' });
        const t0 = performance.now();
        const out = await invokeOk(lambda, 'bench-cold', payload, { LogType: 'Tail' });
        cold.push(performance.now() - t0);
        init.push(initDurationOf(out));
      }
      const created = [];
      for (let i = 0; i < N.coldCreates; i++) {
        const name = `bench-new-${i}`;
        await createFunction(name, ECHO_HANDLER);
        const t0 = performance.now();
        await invokeOk(lambda, name, payload);
        created.push(performance.now() - t0);
      }
      // The floor of a cold start: starting a Node process at all (spawn → its first output).
      const nodeStarts = [];
      for (let i = 0; i < N.colds; i++) {
        const started = await spawnReady(process.execPath, ['-e', 'process.stdout.write("ready x\\n")']);
        nodeStarts.push(started.readyMs);
        await stopChild(started.child);
      }
      const coldMed = median(cold);
      printTable(
        'Lambda Invoke through the SDK (LambdaClient → tiny CommonJS handler)',
        [
          {
            name: `warm p50 (n=${N.invokes}, sequential)`,
            ours: fmtMs(ours.p50),
            refs: [['floor', fmtMs(floor.p50), fmtRatio(ours.p50, floor.p50)]],
            target: `≤ ${TARGETS.warmP50Ms} ms`,
            met: ours.p50 <= TARGETS.warmP50Ms,
          },
          {
            name: 'warm p99',
            ours: fmtMs(ours.p99),
            refs: [['floor', fmtMs(floor.p99), fmtRatio(ours.p99, floor.p99)]],
            target: `≤ ${TARGETS.warmP99Ms} ms`,
            met: ours.p99 <= TARGETS.warmP99Ms,
          },
          {
            name: 'warm max',
            ours: fmtMs(ours.max),
            refs: [['floor', fmtMs(floor.max), fmtRatio(ours.max, floor.max)]],
          },
          {
            name: `cold, after UpdateFunctionConfiguration, median (n=${N.colds})`,
            ours: fmtMs(coldMed),
            refs: [['node spawn', fmtMs(median(nodeStarts)), fmtRatio(coldMed, median(nodeStarts))]],
            target: `≤ ${TARGETS.coldMs} ms`,
            met: coldMed <= TARGETS.coldMs,
          },
          { name: '  its REPORT Init Duration, median', ours: fmtMs(median(init)), refs: [] },
          { name: '  max', ours: fmtMs(Math.max(...cold)), refs: [] },
          {
            name: `cold, first Invoke after CreateFunction, median (n=${N.coldCreates})`,
            ours: fmtMs(median(created)),
            refs: [['node spawn', fmtMs(median(nodeStarts)), fmtRatio(median(created), median(nodeStarts))]],
            target: `≤ ${TARGETS.coldMs} ms`,
            met: median(created) <= TARGETS.coldMs,
          },
        ],
        [
          `after ${N.invokeWarmup} warm-up invokes; floor: the same LambdaClient Invoke answered at once by the bare server`,
          `node spawn: a bare \`node -e\` process from spawn to its first output (n=${N.colds}), the least any cold start can cost (spawned from this bench process, whose size slows spawn a little)`,
          'moto: skipped — moto runs Lambda code only in Docker',
        ],
      );
    });

    // ---- 4. S3 PutObject ----------------------------------------------------------------------------
    const S = sdk.s3;
    const body = Buffer.alloc(LOAD.objectBytes, 0x61);
    const singleProcessPuts = async (endpoint, bucket, pid) => {
      const s3 = s3Client(S.S3Client, endpoint);
      clients.push(s3);
      let n = 0;
      const r = await closedLoop(
        () => s3.send(new S.PutObjectCommand({ Bucket: bucket, Key: `single/${n++}`, Body: body })),
        LOAD.inflight,
        { ...LOAD, cpuPid: pid },
      );
      return { ...r, ...summarize(r.latencies) };
    };
    const multiProcessPuts = async (endpoint, bucket, pid) => {
      const per = Math.floor(LOAD.inflight / LOAD.workers);
      const extra = LOAD.inflight - per * LOAD.workers;
      const workers = Array.from({ length: LOAD.workers }, (_, w) =>
        track(
          spawn(process.execPath, [SELF, '--s3-worker'], {
            stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
            env: {
              ...process.env,
              AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
              BENCH_WORKER: JSON.stringify({
                endpoint,
                bucket,
                inflight: per + (w < extra ? 1 : 0),
                tag: `w${w}`,
              }),
            },
          }),
        ),
      );
      const message = (w, key) =>
        new Promise((resolve, reject) => {
          const onMessage = (m) => {
            if (m[key] === undefined) return;
            w.off('message', onMessage);
            resolve(m);
          };
          w.on('message', onMessage);
          w.once('exit', (code) => reject(new Error(`S3 worker exited with ${code}`)));
        });
      await Promise.all(workers.map((w) => message(w, 'ready')));
      const results = workers.map((w) => message(w, 'count'));
      const cpuBefore = cpuMs(pid);
      for (const w of workers) w.send({ go: true });
      const done = await Promise.all(results);
      const cpu = cpuMs(pid) - cpuBefore;
      await Promise.all(workers.map((w) => stopChild(w)));
      const latencies = done.flatMap((d) => d.latencies);
      const count = done.reduce((sum, d) => sum + d.count, 0);
      return {
        count,
        perSecond: count / (LOAD.windowMs / 1000),
        cpuPerOp: cpu / count,
        ...summarize(latencies),
      };
    };

    await section('S3 PutObject', async () => {
      const bucket = 'bench-bucket';
      const targets = [
        ['durable', procs.durable],
        ['ephemeral', procs.ephemeral],
      ];
      if (procs.moto) targets.push(['moto', procs.moto]);
      for (const [, proc] of targets) {
        const s3 = s3Client(S.S3Client, proc.endpoint);
        clients.push(s3);
        await s3.send(new S.CreateBucketCommand({ Bucket: bucket }));
      }
      const r = {};
      for (const [label, proc] of [...targets, ['floor', procs.bare]]) {
        r[label] = {
          single: await singleProcessPuts(proc.endpoint, bucket, proc.child.pid),
          multi: await multiProcessPuts(proc.endpoint, bucket, proc.child.pid),
        };
      }
      const rows = [];
      for (const [label, name] of [
        ['durable', 'durable (default)'],
        ['ephemeral', '--ephemeral'],
      ]) {
        for (const [mode, modeName] of [
          ['single', '1 client process'],
          ['multi', `${LOAD.workers} client processes`],
        ]) {
          const ours = r[label][mode];
          const refs = [
            ['floor', fmtRate(r.floor[mode].perSecond), fmtRatio(ours.perSecond, r.floor[mode].perSecond)],
          ];
          if (r.moto)
            refs.push([
              'moto',
              fmtRate(r.moto[mode].perSecond),
              fmtRatio(ours.perSecond, r.moto[mode].perSecond),
            ]);
          rows.push({
            name: `${name}, ${modeName}: objects/s`,
            ours: fmtRate(ours.perSecond),
            refs,
            target: `≥ ${TARGETS.s3PerSecond.toLocaleString('en-US')}/s`,
            met: ours.perSecond >= TARGETS.s3PerSecond,
          });
          const latRefs = [['floor', fmtMs(r.floor[mode].p50), fmtRatio(ours.p50, r.floor[mode].p50)]];
          if (r.moto) latRefs.push(['moto', fmtMs(r.moto[mode].p50), fmtRatio(ours.p50, r.moto[mode].p50)]);
          rows.push({
            name: '  request p50 / p99',
            ours: `${fmtMs(ours.p50)} / ${fmtMs(ours.p99)}`,
            refs: latRefs,
          });
          const cpuRefs = [
            ['floor', fmtMs(r.floor[mode].cpuPerOp), fmtRatio(ours.cpuPerOp, r.floor[mode].cpuPerOp)],
          ];
          if (r.moto)
            cpuRefs.push([
              'moto',
              fmtMs(r.moto[mode].cpuPerOp),
              fmtRatio(ours.cpuPerOp, r.moto[mode].cpuPerOp),
            ]);
          rows.push({
            name: '  server CPU per object (→ objects/s one core could serve)',
            ours: `${fmtMs(ours.cpuPerOp)} (${fmtRate(1000 / ours.cpuPerOp)})`,
            refs: cpuRefs,
          });
        }
      }
      printTable(
        `S3 PutObject of ${LOAD.objectBytes} B through the SDK, ${LOAD.inflight} in flight, ${LOAD.windowMs / 1000} s window after ${LOAD.warmupMs} ms warm-up`,
        rows,
        [
          `floor: the same S3Client(s) against the bare server; moto: moto_server${r.moto ? '' : ' (not on PATH: skipped)'}; ratio > 1 means more objects/s than the reference`,
          `${LOAD.workers} client processes: each its own S3Client, ${LOAD.inflight} in flight in total (BENCH_S3_WORKERS sets how many); the server and the clients share ${cpus().length} CPU(s)`,
          'durable: each body fdatasync’ed, then its record group-committed to the journal before the 200',
          'server CPU: user + system time of the server process (all threads, /proc/<pid>/stat) over the window ÷ objects; it holds up on a busy machine where rates do not',
        ],
      );
    });

    // ---- 5. SQS: SendMessage (16 in flight, then sequential) and a receive(10) + delete drain -------
    await section('SQS SendMessage and ReceiveMessage+DeleteMessage', async () => {
      const Q = sdk.sqs;
      const body = 'x'.repeat(256);
      const targets = [
        ['durable', procs.durable],
        ['ephemeral', procs.ephemeral],
        ['floor', procs.bare],
      ];
      if (procs.moto) targets.push(['moto', procs.moto]);
      const queues = {};
      const sqsOf = {};
      for (const [label, { endpoint }] of targets) {
        const sqs = client(Q.SQSClient, endpoint);
        sqsOf[label] = sqs;
        queues[label] = async (name) =>
          label === 'floor'
            ? `${endpoint}/000000000000/${name}`
            : (await sqs.send(new Q.CreateQueueCommand({ QueueName: name }))).QueueUrl;
      }
      const send = (label, queueUrl) => () =>
        sqsOf[label].send(new Q.SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));

      // 16 in flight, then one at a time: per-call latency of SendMessage.
      const loaded = {};
      const sequential = {};
      for (const [label, { child }] of targets) {
        const queueUrl = await queues[label]('bench-queue');
        const r = await closedLoop(send(label, queueUrl), LOAD.inflight, {
          warmupMs: LOAD.warmupMs,
          windowMs: 2000,
          cpuPid: child.pid,
        });
        loaded[label] = { ...r, ...summarize(r.latencies) };
        // moto is ~50× slower per call: a tenth of the calls keeps the run short.
        const scale = label === 'moto' ? 10 : 1;
        sequential[label] = await timedSequence(
          N.sqsSends / scale,
          N.sqsSendWarmup / scale,
          send(label, queueUrl),
        );
      }

      // The same SendMessage without the SDK: one fixed JSON request over one keep-alive
      // connection, so what remains is the server's own latency plus loopback HTTP.
      const raw = {};
      for (const [label, { endpoint }] of targets) {
        const queueUrl = await queues[label]('bench-raw');
        const scale = label === 'moto' ? 10 : 1;
        raw[label] = await timedSequence(
          N.sqsSends / scale,
          N.sqsSendWarmup / scale,
          rawSqsSend(endpoint, queueUrl, body),
        );
      }

      // Drain: N messages sent beforehand (SendMessageBatch), then one consumer loops
      // ReceiveMessage(10) + DeleteMessageBatch until it has deleted them all.
      const drained = {};
      for (const [label] of targets) {
        const sqs = sqsOf[label];
        const queueUrl = await queues[label]('bench-drain');
        const total = label === 'moto' ? N.sqsDrain / 10 : N.sqsDrain;
        if (label !== 'floor') {
          const batches = Array.from({ length: total / 10 }, (_, b) =>
            Array.from({ length: 10 }, (_, i) => ({ Id: String(i), MessageBody: `${b * 10 + i} ${body}` })),
          );
          for (let i = 0; i < batches.length; i += LOAD.inflight)
            await Promise.all(
              batches
                .slice(i, i + LOAD.inflight)
                .map((Entries) => sqs.send(new Q.SendMessageBatchCommand({ QueueUrl: queueUrl, Entries }))),
            );
        }
        const rounds = [];
        let deleted = 0;
        let empty = 0;
        const t0 = performance.now();
        const deadline = t0 + 30_000;
        while (deleted < total && empty < 20 && performance.now() < deadline) {
          const r0 = performance.now();
          const out = await sqs.send(
            new Q.ReceiveMessageCommand({
              QueueUrl: queueUrl,
              MaxNumberOfMessages: 10,
              WaitTimeSeconds: 0,
              VisibilityTimeout: 60,
            }),
          );
          const messages = out.Messages ?? [];
          if (messages.length === 0) {
            empty++;
            continue;
          }
          const del = await sqs.send(
            new Q.DeleteMessageBatchCommand({
              QueueUrl: queueUrl,
              Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
            }),
          );
          if (del.Failed?.length)
            throw new Error(`${label}: DeleteMessageBatch failed ${JSON.stringify(del.Failed)}`);
          deleted += messages.length;
          rounds.push(performance.now() - r0);
        }
        const seconds = (performance.now() - t0) / 1000;
        drained[label] = { total, deleted, perSecond: deleted / seconds, ...summarize(rounds) };
      }

      const refs = (table, pick, fmt, ours) =>
        ['floor', 'moto']
          .filter((l) => table[l])
          .map((l) => [l, fmt(pick(table[l])), fmtRatio(pick(ours), pick(table[l]))]);
      const rows = { loaded: [], sequential: [], drain: [] };
      for (const [label, name] of [
        ['durable', 'durable (default)'],
        ['ephemeral', '--ephemeral'],
      ]) {
        const l = loaded[label];
        rows.loaded.push(
          {
            name: `${name}: messages/s`,
            ours: fmtRate(l.perSecond),
            refs: refs(loaded, (x) => x.perSecond, fmtRate, l),
          },
          { name: '  request p50', ours: fmtMs(l.p50), refs: refs(loaded, (x) => x.p50, fmtMs, l) },
          { name: '  request p99', ours: fmtMs(l.p99), refs: refs(loaded, (x) => x.p99, fmtMs, l) },
          {
            name: '  server CPU per message',
            ours: fmtMs(l.cpuPerOp),
            refs: refs(loaded, (x) => x.cpuPerOp, fmtMs, l),
          },
        );
        const q = sequential[label];
        rows.sequential.push(
          {
            name: `${name}: SendMessage p50`,
            ours: fmtMs(q.p50),
            refs: refs(sequential, (x) => x.p50, fmtMs, q),
            target: `< ${TARGETS.sqsSendP50Ms} ms`,
            met: q.p50 < TARGETS.sqsSendP50Ms,
          },
          { name: '  SendMessage p99', ours: fmtMs(q.p99), refs: refs(sequential, (x) => x.p99, fmtMs, q) },
          {
            name: '  without the SDK (raw HTTP): p50',
            ours: fmtMs(raw[label].p50),
            refs: refs(raw, (x) => x.p50, fmtMs, raw[label]),
          },
        );
        const d = drained[label];
        rows.drain.push(
          {
            name: `${name}: messages/s (${d.deleted} of ${d.total} deleted)`,
            ours: fmtRate(d.perSecond),
            refs: refs(drained, (x) => x.perSecond, fmtRate, d),
            met: d.deleted === d.total ? undefined : false,
          },
          {
            name: '  receive(10) + delete round p50 / p99',
            ours: `${fmtMs(d.p50)} / ${fmtMs(d.p99)}`,
            refs: refs(drained, (x) => x.p50, fmtMs, d),
          },
        );
      }
      const refNote = `floor: the same SQSClient against the bare server; moto: moto_server${procs.moto ? '' : ' (not on PATH: skipped)'}; ratio > 1 means more messages/s (or a longer latency) than the reference`;
      printTable(
        `SQS SendMessage (256 B) through the SDK, 1 client process, ${LOAD.inflight} in flight, 2 s window after ${LOAD.warmupMs} ms warm-up`,
        rows.loaded,
        [refNote, 'no target in the issue; for comparison with moto only'],
      );
      printTable(
        `SQS SendMessage (256 B) through the SDK, sequential (1 in flight), n=${N.sqsSends} after ${N.sqsSendWarmup} warm-up`,
        rows.sequential,
        [
          refNote,
          'published, other machines, not measured here: fauxqs 0.71 ms per SendMessage (in-process), LocalStack 2.05 ms',
          `moto: n=${N.sqsSends / 10} after ${N.sqsSendWarmup / 10} warm-up (it is that much slower)`,
          'durable: the message is journalled (fdatasync’ed, group-committed) before the answer',
          'without the SDK: a fixed awsJson SendMessage request (static Authorization header) over one keep-alive node:http connection, same n: the server’s own latency',
        ],
      );
      printTable(
        `SQS drain: ${N.sqsDrain} messages (256 B) sent beforehand, one consumer looping ReceiveMessage(10, wait 0) + DeleteMessageBatch`,
        rows.drain,
        [
          refNote,
          `floor: always answers 10 messages, so it runs ${N.sqsDrain / 10} rounds; moto drains ${N.sqsDrain / 10} messages (it is that much slower); reference column of the round row: p50`,
          'no target in the issue',
        ],
      );
    });

    // ---- 6. PutEvents → Lambda target start ---------------------------------------------------------
    await section('PutEvents → Lambda', async () => {
      const E = sdk.events;
      const arrivals = await arrivalServer();
      const results = {};
      try {
        for (const [label, proc] of [
          ['durable', procs.durable],
          ['ephemeral', procs.ephemeral],
        ]) {
          const lc = client(L.LambdaClient, proc.endpoint);
          const w = { ...waiter, client: lc };
          const eb = client(E.EventBridgeClient, proc.endpoint);
          const fn = (
            await lc.send(
              new L.CreateFunctionCommand({
                FunctionName: 'bench-target',
                Runtime: 'nodejs22.x',
                Role: ROLE,
                Handler: 'index.handler',
                Code: { ZipFile: zipOf(fflate, EVENTS_HANDLER) },
              }),
            )
          ).FunctionArn;
          await L.waitUntilFunctionActiveV2(w, { FunctionName: 'bench-target' });
          await eb.send(new E.CreateEventBusCommand({ Name: 'bench-bus' }));
          const { RuleArn } = await eb.send(
            new E.PutRuleCommand({
              Name: 'bench-rule',
              EventBusName: 'bench-bus',
              EventPattern: JSON.stringify({ source: ['bench'] }),
            }),
          );
          await lc.send(
            new L.AddPermissionCommand({
              FunctionName: 'bench-target',
              StatementId: 'events',
              Action: 'lambda:InvokeFunction',
              Principal: 'events.amazonaws.com',
              SourceArn: RuleArn,
            }),
          );
          await eb.send(
            new E.PutTargetsCommand({
              Rule: 'bench-rule',
              EventBusName: 'bench-bus',
              Targets: [{ Id: 'fn', Arn: fn }],
            }),
          );
          const delays = [];
          const calls = [];
          const base = label === 'durable' ? 0 : 1_000_000;
          for (let k = 0; k < N.eventWarmup + N.events; k++) {
            const i = base + k;
            const Detail = JSON.stringify({ port: arrivals.port, i });
            const putAt = wallNow();
            const t0 = performance.now();
            const out = await eb.send(
              new E.PutEventsCommand({
                Entries: [{ EventBusName: 'bench-bus', Source: 'bench', DetailType: 'tick', Detail }],
              }),
            );
            const callMs = performance.now() - t0;
            if (out.FailedEntryCount) throw new Error(`PutEvents refused: ${JSON.stringify(out.Entries)}`);
            const startedAt = await arrivals.wait(i, 15_000);
            if (k >= N.eventWarmup) {
              delays.push(startedAt - putAt);
              calls.push(callMs);
            }
          }
          results[label] = { start: summarize(delays), call: summarize(calls), min: Math.min(...delays) };
        }
      } finally {
        await arrivals.close();
      }
      const eb = client(sdk.events.EventBridgeClient, procs.bare.endpoint);
      const floorCall = await timedSequence(N.events, N.eventWarmup, () =>
        eb.send(
          new sdk.events.PutEventsCommand({
            Entries: [{ EventBusName: 'bench-bus', Source: 'bench', DetailType: 'tick', Detail: '{"i":1}' }],
          }),
        ),
      );
      const rows = [];
      for (const [label, name] of [
        ['durable', 'durable (default)'],
        ['ephemeral', '--ephemeral'],
      ]) {
        const r = results[label];
        rows.push(
          {
            name: `${name}: put → handler start p50`,
            ours: fmtMs(r.start.p50),
            refs: [['floor PutEvents call', fmtMs(floorCall.p50), fmtRatio(r.start.p50, floorCall.p50)]],
            target: `≤ ${TARGETS.eventP50Ms} ms`,
            met: r.start.p50 <= TARGETS.eventP50Ms,
          },
          {
            name: '  put → handler start p99',
            ours: fmtMs(r.start.p99),
            refs: [['floor PutEvents call', fmtMs(floorCall.p99), fmtRatio(r.start.p99, floorCall.p99)]],
          },
          {
            name: '  PutEvents call itself p50 / p99',
            ours: `${fmtMs(r.call.p50)} / ${fmtMs(r.call.p99)}`,
            refs: [
              [
                'floor',
                `${fmtMs(floorCall.p50)} / ${fmtMs(floorCall.p99)}`,
                fmtRatio(r.call.p50, floorCall.p50),
              ],
            ],
          },
        );
      }
      const negative = Object.values(results).some((r) => r.min < 0);
      printTable(
        `PutEvents → Lambda target start (custom bus, one rule, ${N.events} events one after another, after ${N.eventWarmup} warm-up)`,
        rows,
        [
          'put → start: wall clock just before the SDK call to the handler’s first line (performance.timeOrigin + now() in both processes)',
          'each event waits until its handler has started before the next is put, so nothing queues; the cloud runs as its own process',
          'floor: the SDK PutEvents round trip against the bare server — what a delivery could cost with zero work on the way',
          'moto: skipped — its Lambda targets need Docker',
          ...(negative ? ['WARNING: a negative delay was seen: the two processes’ clocks disagree'] : []),
        ],
      );
    });

    // ---- 7. Memory ----------------------------------------------------------------------------------
    await section('Memory', async () => {
      // A warm environment running the real, bundled api handler (what `faas up` deploys).
      const artifact = await release.buildFunctionArtifact('api');
      await createFunction('bench-api', artifact.zip, {
        Runtime: release.LAMBDA_RUNTIME,
        Handler: release.LAMBDA_HANDLER,
        MemorySize: 256,
        Timeout: 10,
        Environment: { Variables: { BUS_NAME: 'bench-bus', TOKEN: 'bench-token' } },
      });
      const event = (i) =>
        JSON.stringify({
          version: '2.0',
          routeKey: 'POST /events',
          rawPath: '/events',
          rawQueryString: '',
          headers: { 'content-type': 'application/json', token: 'bench-token' },
          requestContext: {
            http: {
              method: 'POST',
              path: '/events',
              protocol: 'HTTP/1.1',
              sourceIp: '127.0.0.1',
              userAgent: 'bench',
            },
            requestId: `r${i}`,
            routeKey: 'POST /events',
            stage: '$default',
            timeEpoch: Date.now(),
          },
          body: JSON.stringify({ order: i, note: 'bench' }),
          isBase64Encoded: false,
        });
      const apiLatency = await timedSequence(N.apiInvokes, 5, async (i) => {
        const out = await invokeOk(lambda, 'bench-api', event(i));
        const reply = JSON.parse(Buffer.from(out.Payload).toString('utf8'));
        if (reply.statusCode !== 201) throw new Error(`api answered ${reply.statusCode}: ${reply.body}`);
      });
      await sleep(200); // let the last invocation's garbage settle into the steady state
      const envs = environments(procs.durable.child.pid);
      const api = envs.filter((e) => e.fn === 'bench-api');
      const echo = envs.filter((e) => e.fn === 'bench-echo');
      if (api.length === 0)
        throw new Error('no execution environment of bench-api found among the cloud’s children');
      // Floor of an environment: an idle Node process doing nothing.
      const idle = track(spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' }));
      await sleep(300);
      const idleRss = rssKb(idle.pid).rss;
      await stopChild(idle);

      const cloud = rssKb(procs.durable.child.pid);
      const eph = rssKb(procs.ephemeral.child.pid);
      const bare = rssKb(procs.bare.child.pid);
      const moto = procs.moto ? rssKb(procs.moto.child.pid) : undefined;
      const refs = (kb) => {
        const list = [['floor', fmtMb(bare.rss), fmtRatio(kb, bare.rss)]];
        if (moto) list.push(['moto', fmtMb(moto.rss), fmtRatio(kb, moto.rss)]);
        return list;
      };
      const apiRss = Math.max(...api.map((e) => e.rss));
      printTable(
        'Memory (RSS, after all the load above)',
        [
          {
            name: 'local cloud process, durable (all sections ran here)',
            ours: fmtMb(cloud.rss),
            refs: refs(cloud.rss),
            target: `≤ ${TARGETS.cloudRssMb} MB`,
            met: cloud.rss / 1024 <= TARGETS.cloudRssMb,
          },
          { name: '  its peak (VmHWM)', ours: fmtMb(cloud.hwm), refs: [] },
          {
            name: 'local cloud process, --ephemeral (S3 + events load)',
            ours: fmtMb(eph.rss),
            refs: refs(eph.rss),
          },
          {
            name: `warm environment, real bundled api handler (${(artifact.size / 1024).toFixed(0)} KB zip)`,
            ours: fmtMb(apiRss),
            refs: [['idle node', fmtMb(idleRss), fmtRatio(apiRss, idleRss)]],
            target: `≤ ${TARGETS.envRssMb} MB`,
            met: apiRss / 1024 <= TARGETS.envRssMb,
          },
          {
            name: '  warm environment, tiny echo handler',
            ours: echo.length ? fmtMb(Math.max(...echo.map((e) => e.rss))) : 'n/a',
            refs: echo.length
              ? [['idle node', fmtMb(idleRss), fmtRatio(Math.max(...echo.map((e) => e.rss)), idleRss)]]
              : [],
          },
          {
            name: `  api handler warm Invoke p50 / p99 (n=${N.apiInvokes}; it calls PutEvents back)`,
            ours: `${fmtMs(apiLatency.p50)} / ${fmtMs(apiLatency.p99)}`,
            refs: [],
          },
        ],
        [
          'floor: the bare server process after its share of the same load; moto: moto_server after its S3/SQS load',
          `environments are the cloud’s child processes, told apart by AWS_LAMBDA_FUNCTION_NAME in /proc/<pid>/environ (${envs.length} alive); idle node: \`node -e\` doing nothing`,
          `api environment after ${N.apiInvokes + 5} invocations, MemorySize 256 (so --max-old-space-size=252)`,
        ],
      );
    });
  } finally {
    for (const c of clients) c.destroy();
    const known = procs.durable ? environments(procs.durable.child.pid).map((e) => e.pid) : [];
    await Promise.all(Object.values(procs).map((p) => stopChild(p.child)));
    await sleep(100);
    const leftover = known.filter((pid) => existsSync(`/proc/${pid}`));
    if (leftover.length > 0)
      console.log(`  · killing ${leftover.length} environment(s) the cloud left behind`);
    for (const pid of leftover) process.kill(pid, 'SIGKILL');
    lambdaPids.clear();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(
    `\ntotal ${((performance.now() - runStarted) / 1000).toFixed(1)} s` +
      (failures.length ? `; FAILED sections: ${failures.join(', ')}` : ''),
  );
  if (failures.length) process.exitCode = 1;
}

process.on('exit', killEverything);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

const role = process.argv[2];
if (role === '--bare-server') bareServer();
else if (role === '--s3-worker') await s3Worker();
else await main();
