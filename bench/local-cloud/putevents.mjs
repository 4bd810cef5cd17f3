// Section "PutEvents → Lambda": wall clock from just before PutEvents to the Lambda target's first
// line, one event at a time, on the durable and the ephemeral cloud; the floor's PutEvents call.

import http from 'node:http';
import { summarize } from '../lib/stats.mjs';
import { N, ROLE, TARGETS } from './config.mjs';
import { zipOf } from './lambda.mjs';
import { timedSequence } from './load.mjs';
import { fmtMs, fmtRatio, printTable } from './report.mjs';

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

/** A bus, a rule on source "bench" and the events handler as its target, on one cloud. */
async function wireTarget({ sdk, fflate, client, kit }, endpoint) {
  const L = sdk.lambda;
  const E = sdk.events;
  const lc = client(L.LambdaClient, endpoint);
  const eb = client(E.EventBridgeClient, endpoint);
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
  await L.waitUntilFunctionActiveV2({ ...kit.waiter, client: lc }, { FunctionName: 'bench-target' });
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
  return eb;
}

export async function putEventsSection(ctx) {
  const { sdk, procs, client } = ctx;
  const E = sdk.events;
  const arrivals = await arrivalServer();
  const results = {};
  try {
    for (const [label, proc] of [
      ['durable', procs.durable],
      ['ephemeral', procs.ephemeral],
    ]) {
      const eb = await wireTarget(ctx, proc.endpoint);
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
  const eb = client(E.EventBridgeClient, procs.bare.endpoint);
  const floorCall = await timedSequence(N.events, N.eventWarmup, () =>
    eb.send(
      new E.PutEventsCommand({
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
          ['floor', `${fmtMs(floorCall.p50)} / ${fmtMs(floorCall.p99)}`, fmtRatio(r.call.p50, floorCall.p50)],
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
}
