// Section "Lambda Invoke": warm invokes through LambdaClient against the floor, and cold starts
// against a bare `node -e` spawn; plus the Lambda helpers the later sections share.

import { stopChild } from '../lib/processes.mjs';
import { spawnReady } from '../lib/ready.mjs';
import { median } from '../lib/stats.mjs';
import { N, ROLE, TARGETS } from './config.mjs';
import { timedSequence } from './load.mjs';
import { fmtMs, fmtRatio, printTable } from './report.mjs';

export const ECHO_HANDLER = 'exports.handler = async (event) => event;';

export function zipOf(fflate, source) {
  return fflate.zipSync({ 'index.js': fflate.strToU8(source) });
}

/** A LambdaClient on the durable cloud, its waiter settings, and create/invoke that fail loudly. */
export function lambdaKit({ sdk, fflate, procs, client }) {
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
  return { lambda, waiter, createFunction, invokeOk };
}

const initDurationOf = (out) => {
  const log = Buffer.from(out.LogResult ?? '', 'base64').toString('utf8');
  return Number(/Init Duration: ([\d.]+) ms/.exec(log)?.[1] ?? Number.NaN);
};

export async function lambdaSection({ sdk, procs, client, kit }) {
  const L = sdk.lambda;
  const { lambda, waiter, createFunction, invokeOk } = kit;
  await createFunction('bench-echo', ECHO_HANDLER);
  const payload = '{"n":1}';
  const ours = await timedSequence(N.invokes, N.invokeWarmup, () => invokeOk(lambda, 'bench-echo', payload));
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
}
