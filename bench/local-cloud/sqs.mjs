// Section "SQS": SendMessage with 16 in flight, then one at a time (with and without the SDK), and
// a ReceiveMessage(10) + DeleteMessageBatch drain; durable and ephemeral against the floor and moto.

import { summarize } from '../lib/stats.mjs';
import { LOAD, N, TARGETS } from './config.mjs';
import { closedLoop, rawSqsSend, timedSequence } from './load.mjs';
import { fmtMs, fmtRate, printTable, refsOf } from './report.mjs';

const BODY = 'x'.repeat(256);
// moto is ~50× slower per call: a tenth of the calls keeps the run short.
const scaleOf = (label) => (label === 'moto' ? 10 : 1);

/** N messages sent beforehand (SendMessageBatch), then one consumer drains them 10 at a time. */
async function drain(Q, sqs, label, queueUrl) {
  const total = N.sqsDrain / scaleOf(label);
  if (label !== 'floor') {
    const batches = Array.from({ length: total / 10 }, (_, b) =>
      Array.from({ length: 10 }, (_, i) => ({ Id: String(i), MessageBody: `${b * 10 + i} ${BODY}` })),
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
  return { total, deleted, perSecond: deleted / seconds, ...summarize(rounds) };
}

export async function sqsSection({ sdk, procs, client }) {
  const Q = sdk.sqs;
  const targets = [
    ['durable', procs.durable],
    ['nofsync', procs.nofsync],
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
    sqsOf[label].send(new Q.SendMessageCommand({ QueueUrl: queueUrl, MessageBody: BODY }));

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
    const scale = scaleOf(label);
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
    const scale = scaleOf(label);
    raw[label] = await timedSequence(
      N.sqsSends / scale,
      N.sqsSendWarmup / scale,
      rawSqsSend(endpoint, queueUrl, BODY),
    );
  }

  const drained = {};
  for (const [label] of targets)
    drained[label] = await drain(Q, sqsOf[label], label, await queues[label]('bench-drain'));

  const rows = { loaded: [], sequential: [], drain: [] };
  for (const [label, name] of [
    ['durable', 'durable (default)'],
    ['nofsync', 'durable --no-fsync'],
    ['ephemeral', '--ephemeral'],
  ]) {
    const l = loaded[label];
    rows.loaded.push(
      {
        name: `${name}: messages/s`,
        ours: fmtRate(l.perSecond),
        refs: refsOf(loaded, (x) => x.perSecond, fmtRate, l),
      },
      { name: '  request p50', ours: fmtMs(l.p50), refs: refsOf(loaded, (x) => x.p50, fmtMs, l) },
      { name: '  request p99', ours: fmtMs(l.p99), refs: refsOf(loaded, (x) => x.p99, fmtMs, l) },
      {
        name: '  server CPU per message',
        ours: fmtMs(l.cpuPerOp),
        refs: refsOf(loaded, (x) => x.cpuPerOp, fmtMs, l),
      },
    );
    const q = sequential[label];
    rows.sequential.push(
      {
        name: `${name}: SendMessage p50`,
        ours: fmtMs(q.p50),
        refs: refsOf(sequential, (x) => x.p50, fmtMs, q),
        target: `< ${TARGETS.sqsSendP50Ms} ms`,
        met: q.p50 < TARGETS.sqsSendP50Ms,
      },
      { name: '  SendMessage p99', ours: fmtMs(q.p99), refs: refsOf(sequential, (x) => x.p99, fmtMs, q) },
      {
        name: '  without the SDK (raw HTTP): p50',
        ours: fmtMs(raw[label].p50),
        refs: refsOf(raw, (x) => x.p50, fmtMs, raw[label]),
      },
    );
    const d = drained[label];
    rows.drain.push(
      {
        name: `${name}: messages/s (${d.deleted} of ${d.total} deleted)`,
        ours: fmtRate(d.perSecond),
        refs: refsOf(drained, (x) => x.perSecond, fmtRate, d),
        met: d.deleted === d.total ? undefined : false,
      },
      {
        name: '  receive(10) + delete round p50 / p99',
        ours: `${fmtMs(d.p50)} / ${fmtMs(d.p99)}`,
        refs: refsOf(drained, (x) => x.p50, fmtMs, d),
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
      'durable: the message is journalled (fdatasync’ed, group-committed) before the answer; --no-fsync: journalled (written to the file, survives kill -9) but not fdatasync’ed',
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
}
