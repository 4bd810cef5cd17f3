// Table "faas up": a fresh up, then no-op ups with a warm and a cleared build cache, spawned (wall,
// CPU) and in-process (read / mutating calls), against `node -e 0` and `faas --version`.

import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FAAS } from '../lib/setup.mjs';
import { median } from '../lib/stats.mjs';
import { AIM, BUILD_CACHE, COLD_UP_RUNS, FLOOR_RUNS, NOOP_UP_RUNS, progress } from './config.mjs';
import { expectOk, runCli, timeProcess } from './processes.mjs';
import { fmtMs, fmtRatio, met, printTable, spread } from './report.mjs';

export async function benchUp({ projectDir, inProcessDir, runInProcess }) {
  progress('startup floors: node -e 0, faas --version');
  const nodeFloor = [];
  const cliFloor = [];
  for (let i = 0; i < FLOOR_RUNS; i++) {
    nodeFloor.push(await timeProcess(['-e', '0']));
    cliFloor.push(await timeProcess([FAAS, '--version']));
  }

  progress('faas up --yes (fresh)');
  const fresh = expectOk(await runCli(['up', '--yes'], projectDir), 'fresh faas up');
  const freshMutations = Number(/\((\d+) mutating AWS calls\)/.exec(fresh.stdout)?.[1] ?? Number.NaN);

  // Cold and warm runs interleave (cold, warm, cold, warm, …, then warm ones), so drifting load on
  // the machine hits both alike. A cold run writes the cache back: the warm run after it is warm.
  progress(`faas up --yes (no-op): ${NOOP_UP_RUNS} with a warm build cache, ${COLD_UP_RUNS} with it cleared`);
  const warm = [];
  const warmCpu = [];
  const cold = [];
  let allNoop = true;
  for (let i = 0; i < Math.max(NOOP_UP_RUNS, COLD_UP_RUNS); i++) {
    if (i < COLD_UP_RUNS) {
      rmSync(BUILD_CACHE, { recursive: true, force: true });
      const r = expectOk(await runCli(['up', '--yes'], projectDir), 'no-op faas up (cache cleared)');
      allNoop &&= r.stdout.includes('Nothing to change');
      cold.push(r.ms);
    }
    if (i < NOOP_UP_RUNS) {
      const r = expectOk(await runCli(['up', '--yes'], projectDir), 'no-op faas up');
      allNoop &&= r.stdout.includes('Nothing to change');
      warm.push(r.ms);
      if (r.cpuMs !== undefined) warmCpu.push(r.cpuMs);
    }
  }
  if (!existsSync(join(BUILD_CACHE, 'api.json')))
    throw new Error(`the build cache was not rewritten in ${BUILD_CACHE}`);

  progress('in-process: faas up --yes fresh, then no-op (call counts)');
  const ipFresh = await runInProcess(['up', '--yes'], inProcessDir);
  const ipNoops = [];
  for (let i = 0; i < NOOP_UP_RUNS; i++) ipNoops.push(await runInProcess(['up', '--yes'], inProcessDir));
  const ipNoop = ipNoops[0];
  const ipNoopAllZero = ipNoops.every((r) => r.mutations === 0);

  const cliRef = median(cliFloor);
  const rows = [
    { metric: 'process floor: node -e 0', figure: spread(nodeFloor) },
    { metric: 'CLI floor: faas --version (module load)', figure: spread(cliFloor) },
    {
      metric: 'fresh up: wall (spawned)',
      figure: fmtMs(fresh.ms),
      reference: fmtMs(cliRef),
      ratio: fmtRatio(fresh.ms, cliRef),
    },
    { metric: 'fresh up: mutating calls (printed)', figure: String(freshMutations) },
    {
      metric: 'fresh up: in-process wall / with an AWS call in flight',
      figure: `${fmtMs(ipFresh.ms)} / ${fmtMs(ipFresh.callMs)}`,
    },
    {
      metric: 'fresh up: read / mutating calls (in-process)',
      figure: `${ipFresh.reads} / ${ipFresh.mutations}`,
      aim: `mutating = printed (${freshMutations})`,
      met: met(ipFresh.mutations === freshMutations),
    },
    {
      metric: `no-op up, warm cache: wall median (p99), n=${NOOP_UP_RUNS}`,
      figure: spread(warm),
      reference: fmtMs(cliRef),
      ratio: fmtRatio(median(warm), cliRef),
      aim: `< ${AIM.noopUpMs} ms`,
      met: met(median(warm) < AIM.noopUpMs),
    },
    ...(warmCpu.length > 0
      ? [{ metric: 'no-op up, warm cache: CPU of the CLI process, median', figure: fmtMs(median(warmCpu)) }]
      : []),
    {
      metric: `no-op up, cache cleared: wall median (p99), n=${COLD_UP_RUNS}`,
      figure: spread(cold),
      reference: fmtMs(median(warm)),
      ratio: fmtRatio(median(cold), median(warm)),
    },
    {
      metric: 'no-op up: printed "Nothing to change" (all runs)',
      figure: allNoop ? 'yes' : 'no',
      aim: 'yes',
      met: met(allNoop),
    },
    {
      metric: 'no-op up: read / mutating calls (in-process)',
      figure: `${ipNoop.reads} / ${ipNoop.mutations}`,
      aim: '0 mutating',
      met: met(ipNoopAllZero),
    },
    {
      metric: `no-op up: in-process wall median (p99), n=${NOOP_UP_RUNS}`,
      figure: spread(ipNoops.map((r) => r.ms)),
      reference: fmtMs(median(warm)),
      ratio: fmtRatio(median(ipNoops.map((r) => r.ms)), median(warm)),
    },
    {
      metric: 'no-op up: in-process, with an AWS call in flight, median',
      figure: fmtMs(median(ipNoops.map((r) => r.callMs))),
    },
  ];
  printTable(
    'faas up',
    rows,
    'reference: the CLI floor (`node bin/faas --version`, same run) for the spawned rows; ratio = figure / reference.\n' +
      'cache cleared = node_modules/.cache/faas-build removed before each run (a first build: esbuild bundles both handlers).\n' +
      'in-process = main(argv, deps) from dist/cli.js in this process: no process start or module load in its wall time;\n' +
      'wall time with no AWS call in flight is local work plus SDK waiters sleeping between polls (FunctionActiveV2).',
  );
}
