// Tables "faas send / verify" and where the time goes: a 2,000-event send and its verify against a
// bare node:http reference server, the CPU per event of every process, the server-side durations.

import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { sleep } from '../lib/processes.mjs';
import { dist } from '../lib/setup.mjs';
import { cloudTreeCpu, logOffset, logSince, serverBreakdown, storedPuts, timeline } from './cloud-log.mjs';
import { AIM, progress, REFERENCE_RUNS, SEND_CONCURRENCY, SEND_COUNT, WARMUP_COUNT } from './config.mjs';
import { expectOk, jsonReport, runCli, startReferenceServer } from './processes.mjs';
import { fmtMs, fmtRate, fmtRatio, met, printGrid, printTable } from './report.mjs';

/** The same sendEvents the CLI uses, against the reference server: the median run by rate. */
async function referenceRuns(root) {
  const { sendEvents } = await dist('traffic/send.js');
  progress(`reference: node:http on loopback, sendEvents ${SEND_COUNT} × concurrency ${SEND_CONCURRENCY}`);
  const server = await startReferenceServer(
    join(root, 'reference-bodies.ndjson'),
    join(root, 'reference.log'),
  );
  const runs = [];
  try {
    const drive = (count) =>
      sendEvents({
        url: `${server.endpoint}/events`,
        headers: { 'content-type': 'application/json', token: 'reference' },
        body: (n) => ({ message: 'hello from faas', n, sentAt: new Date().toISOString() }),
        count,
        concurrency: SEND_CONCURRENCY,
      });
    await drive(WARMUP_COUNT);
    for (let i = 0; i < REFERENCE_RUNS; i++) runs.push(await drive(SEND_COUNT));
  } finally {
    await server.stop();
  }
  // The median run by rate, reported whole (its rate and its latencies belong together).
  const ref = [...runs].sort((a, b) => a.eventsPerSecond - b.eventsPerSecond)[Math.floor(REFERENCE_RUNS / 2)];
  return { ref, failed: runs.reduce((n, r) => n + r.failures.length, 0) };
}

/** CPU per event by process over the send, from /proc snapshots before and after. */
function printCpuTable(cpuBefore, cpuAfter, send, accepted) {
  const cpuRows = [];
  let total = 0;
  for (const [role, after] of cpuAfter) {
    const ms = after.ms - (cpuBefore.get(role)?.ms ?? 0);
    total += ms;
    cpuRows.push([role, after.processes, ms]);
  }
  if (send.cpuMs !== undefined) {
    total += send.cpuMs;
    cpuRows.push(['faas send (the CLI process)', 1, send.cpuMs]);
  }
  cpuRows.sort((a, b) => b[2] - a[2]);
  const cpus = availableParallelism();
  const perEvent = total / accepted;
  printGrid(
    `where the time goes: CPU per event by process, send of ${SEND_COUNT} until all stored (/proc)`,
    ['process', 'processes', 'CPU', 'per event', 'share'],
    [
      ...cpuRows.map(([role, n, ms]) => [
        role,
        n,
        `${(ms / 1000).toFixed(2)} s`,
        fmtMs(ms / accepted),
        `${((100 * ms) / total).toFixed(0)}%`,
      ]),
      ['total', '', `${(total / 1000).toFixed(2)} s`, fmtMs(perEvent), '100%'],
    ],
    `at ${fmtMs(perEvent)} of CPU per event, ${cpus} CPUs cap the pipeline at ~${fmtRate((cpus * 1000) / perEvent)} even on an idle machine;\n` +
      `${fmtRate(AIM.eventsPerSecond)} on ${cpus} CPUs needs ≤ ${fmtMs((cpus * 1000) / AIM.eventsPerSecond)} per event. CPU is user + system time; ` +
      'processes that exited inside the window are not counted.',
  );
}

export async function benchTraffic({ projectDir, cloud, cloudLog, root }) {
  const sendArgs = (count) => [
    'send',
    '--count',
    String(count),
    '--concurrency',
    String(SEND_CONCURRENCY),
    '--json',
  ];
  progress(`faas send --count ${WARMUP_COUNT} --concurrency ${SEND_CONCURRENCY} (cold Lambda environments)`);
  const warmup = expectOk(await runCli(sendArgs(WARMUP_COUNT), projectDir), 'warm-up faas send');
  const warmupReport = JSON.parse(warmup.stdout);
  // Let the warm-up's asynchronous deliveries land, so they do not count in the measured window.
  expectOk(await runCli(['verify', '--last', '--json'], projectDir), 'warm-up faas verify');

  const logStart = logOffset(cloudLog);
  const cpuBefore = cloudTreeCpu(cloud.pid);
  progress(`faas send --count ${SEND_COUNT} --concurrency ${SEND_CONCURRENCY} --json`);
  const send = await runCli(sendArgs(SEND_COUNT), projectDir);
  const report = jsonReport(send, 'faas send');

  // The store Lambda runs asynchronously: wait (bounded) until the cloud has stored every accepted
  // event, so the CPU snapshot covers the whole pipeline and verify measures checking, not waiting.
  const deliveryDeadline = Date.now() + 60_000;
  while (storedPuts(logSince(cloudLog, logStart)).length < report.accepted && Date.now() < deliveryDeadline)
    await sleep(100);
  const cpuAfter = cloudTreeCpu(cloud.pid);

  progress('faas verify --last --json');
  const verify = await runCli(['verify', '--last', '--json'], projectDir);
  const verified = jsonReport(verify, 'faas verify');
  const window = logSince(cloudLog, logStart);

  // End to end from the cloud's own log (one clock): first POST arriving → last object stored.
  const { puts, firstIn, lastStored } = timeline(window);
  const e2eSeconds = (lastStored - firstIn) / 1000;
  const e2eRate = puts.length / e2eSeconds;

  const { ref, failed: refFailed } = await referenceRuns(root);

  const allFound = verified.found === SEND_COUNT && verified.missing === 0 && verified.different === 0;
  const rows = [
    {
      metric: `first send after up: ${WARMUP_COUNT} events (cold Lambda envs)`,
      figure: `${fmtRate(warmupReport.eventsPerSecond)}, p99 ${fmtMs(warmupReport.latencyMs.p99)}`,
    },
    {
      metric: 'send: events/s (send JSON)',
      figure: fmtRate(report.eventsPerSecond),
      reference: fmtRate(ref.eventsPerSecond),
      ratio: fmtRatio(report.eventsPerSecond, ref.eventsPerSecond),
      aim: `≥ ${AIM.eventsPerSecond}`,
      met: met(report.eventsPerSecond >= AIM.eventsPerSecond),
    },
    {
      metric: 'send: latency p50',
      figure: fmtMs(report.latencyMs.p50),
      reference: fmtMs(ref.latencyMs.p50),
      ratio: fmtRatio(report.latencyMs.p50, ref.latencyMs.p50),
    },
    {
      metric: 'send: latency p99',
      figure: fmtMs(report.latencyMs.p99),
      reference: fmtMs(ref.latencyMs.p99),
      ratio: fmtRatio(report.latencyMs.p99, ref.latencyMs.p99),
      aim: `< ${AIM.p99Ms} ms`,
      met: met(report.latencyMs.p99 < AIM.p99Ms),
    },
    {
      metric: 'send: accepted / failed',
      figure: `${report.accepted} / ${report.failed}`,
      reference: `${ref.accepted.length} / ${ref.failures.length}`,
      aim: `${SEND_COUNT} / 0`,
      met: met(report.accepted === SEND_COUNT && report.failed === 0),
    },
    {
      metric: 'send: wall (spawned, incl. CLI start)',
      figure: fmtMs(send.ms),
      reference: fmtMs(ref.durationMs),
      ratio: fmtRatio(send.ms, ref.durationMs),
    },
    {
      metric: 'end to end: first POST → last PutObject',
      figure: `${fmtRate(e2eRate)} (${e2eSeconds.toFixed(2)} s, ${puts.length} stored)`,
      reference: fmtRate(ref.eventsPerSecond),
      ratio: fmtRatio(e2eRate, ref.eventsPerSecond),
      aim: `≥ ${AIM.eventsPerSecond}`,
      met: met(e2eRate >= AIM.eventsPerSecond),
    },
    {
      metric: 'verify --last: found / missing / different',
      figure: `${verified.found} / ${verified.missing} / ${verified.different}`,
      aim: `${SEND_COUNT} / 0 / 0`,
      met: met(allFound),
    },
    {
      metric: 'verify --last: wall (spawned), all stored before',
      figure: `${fmtMs(verify.ms)}${verify.cpuMs ? ` (CPU ${fmtMs(verify.cpuMs)})` : ''}`,
    },
  ];
  printTable(
    `faas send --count ${SEND_COUNT} --concurrency ${SEND_CONCURRENCY}, faas verify --last`,
    rows,
    `reference: a bare node:http server on 127.0.0.1 (own process) appending each body to a file and answering 201 {id},\n` +
      `driven by the same sendEvents (dist/traffic/send.js) in this process: median of ${REFERENCE_RUNS} runs of ${SEND_COUNT}` +
      (refFailed > 0 ? ` (${refFailed} failed!)` : '') +
      ".\nend to end uses the local cloud's request log timestamps (first POST received → last events/<id>.json stored).",
  );

  if (cpuBefore && cpuAfter) printCpuTable(cpuBefore, cpuAfter, send, report.accepted);

  printGrid(
    'where the time goes: local cloud request log during send + verify (server-side durations)',
    ['operation', 'count', 'p50', 'p99', 'max', 'sum'],
    serverBreakdown(window),
    'POST … = the API Gateway data plane request, which includes the synchronous api Lambda invoke (and its PutEvents).\n' +
      's3.PutObject comes from the store Lambda (async, via EventBridge); s3.GetObject from verify.',
  );
}
