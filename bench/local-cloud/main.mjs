// The local cloud bench itself (bench/local-cloud.mjs with no argument): the header, the sections
// in order, and the long-lived processes and SDK clients they share, stopped whatever happens.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep, stopChild } from '../lib/processes.mjs';
import { CLOUD_MAIN, dist, machineLoad, sectionFilter } from '../lib/setup.mjs';
import { bootSection } from './boot.mjs';
import { CLOUD_ARGS, CREDENTIALS, REGION } from './config.mjs';
import { httpSection } from './http.mjs';
import { lambdaKit, lambdaSection } from './lambda.mjs';
import { memorySection } from './memory.mjs';
import { putEventsSection } from './putevents.mjs';
import { s3Section } from './s3.mjs';
import { environments, lambdaPids, onPath, startBare, startCloud, startMoto } from './servers.mjs';
import { sqsSection } from './sqs.mjs';

function printHeader(hasMoto) {
  const { averages, busy } = machineLoad(cpus().length);
  const [l1, l5] = averages;
  console.log(
    `faas local cloud bench — node ${process.version}, ${cpus().length} CPU(s), load average ${l1.toFixed(2)} / ${l5.toFixed(2)} (1 / 5 min)` +
      `, moto_server ${hasMoto ? 'on PATH' : 'not on PATH: its columns are skipped'}`,
  );
  if (busy)
    console.log(
      '  · the machine is already busy: expect noisy figures, compare ratios rather than absolutes',
    );
}

/** Stops the load processes and any environment the durable cloud leaves behind. */
async function stopLoadProcesses(procs) {
  const known = procs.durable ? environments(procs.durable.child.pid).map((e) => e.pid) : [];
  await Promise.all(Object.values(procs).map((p) => stopChild(p.child)));
  await sleep(100);
  const leftover = known.filter((pid) => existsSync(`/proc/${pid}`));
  if (leftover.length > 0) console.log(`  · killing ${leftover.length} environment(s) the cloud left behind`);
  for (const pid of leftover) process.kill(pid, 'SIGKILL');
  lambdaPids.clear();
}

export async function main() {
  if (!existsSync(CLOUD_MAIN)) {
    console.error(`${CLOUD_MAIN} is missing: run \`npm run build\` first (or npm run bench:local)`);
    process.exit(1);
  }
  const sdk = {
    lambda: await import('@aws-sdk/client-lambda'),
    s3: await import('@aws-sdk/client-s3'),
    sqs: await import('@aws-sdk/client-sqs'),
    events: await import('@aws-sdk/client-eventbridge'),
  };
  const fflate = await import('fflate');
  const release = await dist('release/index.js');
  const hasMoto = onPath('moto_server');
  const runStarted = performance.now();
  printHeader(hasMoto);

  const failures = [];
  const selected = sectionFilter();
  /** Runs one section unless BENCH_ONLY leaves it out (its key: the name's first word); a failure is printed. */
  const section = async (name, fn) => {
    if (!selected(name.split(' ')[0].toLowerCase())) return;
    try {
      await fn();
    } catch (e) {
      failures.push(name);
      console.log(`\n### ${name}\n\n  FAILED: ${e instanceof Error ? (e.stack ?? e.message) : e}`);
    }
  };

  await section('Boot to ready', () => bootSection({ hasMoto }));

  // Long-lived processes for the load sections.
  const dataDir = mkdtempSync(join(tmpdir(), 'faas-bench-'));
  const procs = {};
  const clients = [];
  const client = (Client, endpoint, extra = {}) => {
    const c = new Client({ endpoint, region: REGION, credentials: CREDENTIALS, maxAttempts: 1, ...extra });
    clients.push(c);
    return c;
  };
  const ctx = { sdk, fflate, release, procs, clients, client };
  try {
    procs.durable = await startCloud({ dataDir });
    procs.ephemeral = await startCloud();
    // Only the SQS section measures it: journal written before each answer, never fdatasync'ed.
    procs.nofsync = await startCloud({ dataDir: join(dataDir, 'no-fsync'), fsync: false });
    procs.bare = await startBare();
    if (hasMoto) procs.moto = await startMoto();
    console.log(
      `\nload processes: faas local durable (data dir, fdatasync'ed journal — the default of \`faas local start\`) pid ${procs.durable.child.pid}` +
        `, faas local --ephemeral pid ${procs.ephemeral.child.pid}, faas local --no-fsync pid ${procs.nofsync.child.pid}, bare floor pid ${procs.bare.child.pid}` +
        (procs.moto ? `, moto_server pid ${procs.moto.child.pid}` : '') +
        `; all with per-request logging off${CLOUD_ARGS.length ? ` and ${CLOUD_ARGS.join(' ')}` : ''}, the bench’s clients in this process`,
    );

    await section('HTTP round trip', () => httpSection(ctx));
    ctx.kit = lambdaKit(ctx);
    await section('Lambda Invoke', () => lambdaSection(ctx));
    await section('S3 PutObject', () => s3Section(ctx));
    await section('SQS SendMessage and ReceiveMessage+DeleteMessage', () => sqsSection(ctx));
    await section('PutEvents → Lambda', () => putEventsSection(ctx));
    await section('Memory', () => memorySection(ctx));
  } finally {
    for (const c of clients) c.destroy();
    await stopLoadProcesses(procs);
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(
    `\ntotal ${((performance.now() - runStarted) / 1000).toFixed(1)} s` +
      (failures.length ? `; FAILED sections: ${failures.join(', ')}` : ''),
  );
  if (failures.length) process.exitCode = 1;
}
