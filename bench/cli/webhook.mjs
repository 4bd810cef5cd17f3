// Table "webhook end to end": POST /webhook (API Gateway → SQS FIFO) → the processing Lambda (event
// source mapping) → webhooks/<group>/… in S3, for a 2,000-webhook send over 32 groups, then verify.

import { join } from 'node:path';
import { sleep } from '../lib/processes.mjs';
import { logOffset, logSince, storedPuts, timeline } from './cloud-log.mjs';
import { progress, SEND_CONCURRENCY, SEND_COUNT, WARMUP_COUNT, WEBHOOK_GROUPS } from './config.mjs';
import { expectOk, jsonReport, runCli, writeProject } from './processes.mjs';
import { fmtMs, fmtRate, met, printTable } from './report.mjs';

export async function benchWebhook({ root, cloud, cloudLog }) {
  const dir = join(root, 'project-webhook');
  writeProject(dir, 'benchwh', cloud.endpoint, { flows: { webhook: {} } });
  progress('faas up --yes (webhook flow)');
  const up = expectOk(await runCli(['up', '--yes'], dir), 'faas up (webhook flow)');
  // Within a group webhooks go one at a time (FIFO order): 32 groups give 32 in flight.
  const groups = Array.from({ length: WEBHOOK_GROUPS }, (_, i) => `g${i + 1}`).join(',');
  const sendArgs = (count) => [
    'send',
    'webhook',
    '--count',
    String(count),
    '--concurrency',
    String(SEND_CONCURRENCY),
    '--group',
    groups,
    '--json',
  ];
  const storedSince = (offset) => storedPuts(logSince(cloudLog, offset)).length;

  progress(`faas send webhook --count ${WARMUP_COUNT} (warm-up: cold Lambda environments), verify --last`);
  expectOk(await runCli(sendArgs(WARMUP_COUNT), dir), 'warm-up faas send webhook');
  expectOk(await runCli(['verify', '--last', '--json', '--timeout', '60s'], dir), 'warm-up faas verify');

  const logStart = logOffset(cloudLog);
  progress(
    `faas send webhook --count ${SEND_COUNT} --concurrency ${SEND_CONCURRENCY} --group g1,…,g${WEBHOOK_GROUPS} --json`,
  );
  const t0 = performance.now();
  const send = await runCli(sendArgs(SEND_COUNT), dir);
  const report = jsonReport(send, 'faas send webhook');
  // Bounded wait until the processing Lambda has stored every accepted webhook, read from the
  // cloud's request log (no extra load on the cloud while it drains).
  const deadline = Date.now() + 90_000;
  let stored = storedSince(logStart);
  while (stored < report.accepted && Date.now() < deadline) {
    await sleep(20);
    stored = storedSince(logStart);
  }
  const allStoredMs = performance.now() - t0;
  const { puts, firstIn, lastPost, lastStored } = timeline(logSince(cloudLog, logStart));

  progress('faas verify --last --json');
  const verify = await runCli(['verify', '--last', '--json', '--timeout', '30s'], dir);
  const v = jsonReport(verify, 'faas verify (webhook)');
  const acceptedPerSecond = report.accepted / (report.durationMs / 1000);
  const ok = v.missing.length === 0 && v.duplicated.length === 0 && v.outOfOrder.length === 0;
  printTable(
    `webhook end to end: faas send webhook --count ${SEND_COUNT} --concurrency ${SEND_CONCURRENCY} over ${WEBHOOK_GROUPS} groups, faas verify --last`,
    [
      { metric: 'faas up --yes (webhook flow, fresh): wall', figure: fmtMs(up.ms) },
      {
        metric: 'send: accepted/s (send JSON durationMs)',
        figure: fmtRate(acceptedPerSecond).replace('ev/s', 'webhooks/s'),
      },
      {
        metric: 'send: accepted / failed',
        figure: `${report.accepted} / ${report.failed}`,
        aim: `${SEND_COUNT} / 0`,
        met: met(report.accepted === SEND_COUNT && report.failed === 0),
      },
      { metric: 'send: wall (spawned, incl. CLI start)', figure: fmtMs(send.ms) },
      {
        metric: 'all processed: send spawn → last stored seen',
        figure:
          stored >= report.accepted
            ? `${(allStoredMs / 1000).toFixed(2)} s`
            : `NOT all after 90 s (${stored}/${report.accepted})`,
      },
      {
        metric: 'cloud log: first POST → last POST / last PutObject',
        figure: `${((lastPost - firstIn) / 1000).toFixed(2)} s / ${((lastStored - firstIn) / 1000).toFixed(2)} s (${puts.length} stored)`,
      },
      {
        metric: 'processed/s (cloud log: first POST → last PutObject)',
        figure: fmtRate((puts.length * 1000) / (lastStored - firstIn)).replace('ev/s', 'webhooks/s'),
      },
      {
        metric: 'processing lag after the last POST',
        figure: `${((lastStored - lastPost) / 1000).toFixed(2)} s`,
      },
      {
        metric: 'verify --last: processed / missing / duplicated / out of order',
        figure: `${v.found} / ${v.missing.length} / ${v.duplicated.length} / ${v.outOfOrder.length}`,
        aim: `${SEND_COUNT} / 0 / 0 / 0`,
        met: met(ok && v.found === SEND_COUNT),
      },
      { metric: 'verify --last: wall (spawned)', figure: fmtMs(verify.ms) },
    ],
    `after a warm-up send of ${WARMUP_COUNT} (verified). Webhooks within a group go one at a time (FIFO), so\n` +
      `--concurrency ${SEND_CONCURRENCY} needs ≥ ${SEND_CONCURRENCY} groups to have ${SEND_CONCURRENCY} in flight. "last stored seen" polls the cloud's\n` +
      'request log every 20 ms for s3.PutObject answers; the cloud-log rows use its own timestamps (one clock).',
  );
}
