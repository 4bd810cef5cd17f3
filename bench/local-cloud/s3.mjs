// Section "S3 PutObject": objects/s, latency and server CPU per object with 16 in flight, from one
// client process and from several (bench/local-cloud.mjs --s3-worker), against the floor and moto.

import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { cpuMs } from '../lib/proc.mjs';
import { stopChild, track } from '../lib/processes.mjs';
import { summarize } from '../lib/stats.mjs';
import { LOAD, SELF, s3Client, TARGETS } from './config.mjs';
import { closedLoop } from './load.mjs';
import { fmtMs, fmtRate, printTable, refsOf } from './report.mjs';

const BUCKET = 'bench-bucket';

async function singleProcessPuts(S, clients, endpoint, pid) {
  const s3 = s3Client(S.S3Client, endpoint);
  clients.push(s3);
  const body = Buffer.alloc(LOAD.objectBytes, 0x61);
  let n = 0;
  const r = await closedLoop(
    () => s3.send(new S.PutObjectCommand({ Bucket: BUCKET, Key: `single/${n++}`, Body: body })),
    LOAD.inflight,
    { ...LOAD, cpuPid: pid },
  );
  return { ...r, ...summarize(r.latencies) };
}

/** The first message from worker `w` that carries `key`. */
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

async function multiProcessPuts(endpoint, pid) {
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
            bucket: BUCKET,
            inflight: per + (w < extra ? 1 : 0),
            tag: `w${w}`,
          }),
        },
      }),
    ),
  );
  await Promise.all(workers.map((w) => message(w, 'ready')));
  const results = workers.map((w) => message(w, 'count'));
  const cpuBefore = cpuMs(pid) ?? Number.NaN;
  for (const w of workers) w.send({ go: true });
  const done = await Promise.all(results);
  const cpu = (cpuMs(pid) ?? Number.NaN) - cpuBefore;
  await Promise.all(workers.map((w) => stopChild(w)));
  const latencies = done.flatMap((d) => d.latencies);
  const count = done.reduce((sum, d) => sum + d.count, 0);
  return {
    count,
    perSecond: count / (LOAD.windowMs / 1000),
    cpuPerOp: cpu / count,
    ...summarize(latencies),
  };
}

export async function s3Section({ sdk, procs, clients }) {
  const S = sdk.s3;
  const targets = [
    ['durable', procs.durable],
    ['ephemeral', procs.ephemeral],
  ];
  if (procs.moto) targets.push(['moto', procs.moto]);
  for (const [, proc] of targets) {
    const s3 = s3Client(S.S3Client, proc.endpoint);
    clients.push(s3);
    await s3.send(new S.CreateBucketCommand({ Bucket: BUCKET }));
  }
  const r = {};
  for (const [label, proc] of [...targets, ['floor', procs.bare]]) {
    r[label] = {
      single: await singleProcessPuts(S, clients, proc.endpoint, proc.child.pid),
      multi: await multiProcessPuts(proc.endpoint, proc.child.pid),
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
      const refs = (pick, fmt) => refsOf(r, (x) => pick(x[mode]), fmt, r[label]);
      rows.push(
        {
          name: `${name}, ${modeName}: objects/s`,
          ours: fmtRate(ours.perSecond),
          refs: refs((x) => x.perSecond, fmtRate),
          target: `≥ ${TARGETS.s3PerSecond.toLocaleString('en-US')}/s`,
          met: ours.perSecond >= TARGETS.s3PerSecond,
        },
        {
          name: '  request p50 / p99',
          ours: `${fmtMs(ours.p50)} / ${fmtMs(ours.p99)}`,
          refs: refs((x) => x.p50, fmtMs),
        },
        {
          name: '  server CPU per object (→ objects/s one core could serve)',
          ours: `${fmtMs(ours.cpuPerOp)} (${fmtRate(1000 / ours.cpuPerOp)})`,
          refs: refs((x) => x.cpuPerOp, fmtMs),
        },
      );
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
}
