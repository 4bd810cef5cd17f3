#!/usr/bin/env node
// bench/cli.mjs — the built faas CLI measured as a user runs it (`node bin/faas …`, cwd = a temp
// project) against a local cloud running as its own process (so the two never share an event loop):
//
//   1. `up`: fresh, then no-op with a warm build cache and with it cleared; wall time spawned, and
//      read / mutating AWS call counts from the in-process path (main(argv, deps) with a
//      createClients that keeps the CallCounter it is given).                       (cli/up.mjs)
//   2. `send --count 2000 --concurrency 32 --json` then `verify --last --json`, against a bare
//      node:http server on loopback driven by the same sendEvents (dist/traffic/send.js); then where
//      the time goes: CPU per event of every process in the pipeline (/proc) and the server-side
//      durations from the local cloud's request log.                                (cli/traffic.mjs)
//   2b. The webhook flow (a second project with flows.webhook): `send webhook --count 2000
//      --concurrency 32` over 32 groups → accepted/s, and the time until the cloud has stored all
//      2000 (its request log), then `verify --last --json`.                         (cli/webhook.mjs)
//   3. `release` unchanged (spawned and in-process) vs changed (in-process, with an `artifacts` dep
//      that adds one file to the real zip), counting UpdateFunctionCode calls.      (cli/release.mjs)
//   4. Zip size per function with the SDK bundled (buildFunctionArtifact).         (cli/zips.mjs)
//
// Timings are printed, never asserted. Needs `npm run build` first (`npm run bench:cli` does it).
// Everything listens on 127.0.0.1; every spawned process is killed and every temp dir removed on
// the way out, whatever happens. The whole run takes about 1.5 minutes and gives up after six.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { GIVE_UP_MS, progress } from './cli/config.mjs';
import { loadInProcess } from './cli/in-process.mjs';
import { startCloud, writeProject } from './cli/processes.mjs';
import { benchRelease } from './cli/release.mjs';
import { benchTraffic } from './cli/traffic.mjs';
import { benchUp } from './cli/up.mjs';
import { benchWebhook } from './cli/webhook.mjs';
import { benchZips } from './cli/zips.mjs';
import { cleanup, cleanupOnExit, onCleanup } from './lib/processes.mjs';
import { CLOUD_MAIN, machineLoad, quietSdk, ROOT, sectionFilter } from './lib/setup.mjs';

// As bin/faas does: the SDK (loaded here for the in-process runs) warns that 2027 releases need Node 22.
quietSdk();

const tempDirs = [];
onCleanup(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
cleanupOnExit({ signals: ['SIGINT', 'SIGTERM', 'SIGHUP'], announce: true });
setTimeout(() => {
  process.stderr.write(`bench: still running after ${GIVE_UP_MS / 60_000} minutes, giving up\n`);
  process.exit(1);
}, GIVE_UP_MS).unref();

async function main() {
  for (const file of [CLOUD_MAIN, join(ROOT, 'dist', 'cli.js')]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  }
  const root = mkdtempSync(join(tmpdir(), 'faas-bench-cli-'));
  tempDirs.push(root);
  const dataDir = join(root, 'cloud-data');
  const cloudLog = join(root, 'cloud.log');

  const started = performance.now();
  const cloud = await startCloud(dataDir, cloudLog);
  try {
    progress(`local cloud at ${cloud.endpoint} (ready in ${cloud.startMs} ms), data in ${dataDir}`);
    const projectDir = join(root, 'project');
    const inProcessDir = join(root, 'project-in-process');
    writeProject(projectDir, 'benchcli', cloud.endpoint);
    writeProject(inProcessDir, 'benchcli-ip', cloud.endpoint);
    const runInProcess = await loadInProcess();

    const load = () =>
      machineLoad(availableParallelism())
        .averages.map((l) => l.toFixed(1))
        .join(' ');
    process.stdout.write(
      `faas CLI bench — node ${process.version}, ${availableParallelism()} CPUs, load average ${load()}, ` +
        `local cloud as a process at ${cloud.endpoint}\n`,
    );
    if (machineLoad(availableParallelism()).busy) {
      process.stdout.write(
        'warning: the machine is busy: wall times and rates are inflated; compare the ratios and the CPU table.\n',
      );
    }
    // BENCH_ONLY=up,traffic,webhook,release,zips runs only those sections (release needs up).
    const run = sectionFilter();
    if (run('up') || run('traffic') || run('release'))
      await benchUp({ projectDir, inProcessDir, runInProcess });
    if (run('traffic')) await benchTraffic({ projectDir, cloud, cloudLog, root });
    if (run('webhook')) await benchWebhook({ root, cloud, cloudLog });
    if (run('release')) await benchRelease({ projectDir, runInProcess });
    if (run('zips')) await benchZips();
    process.stdout.write(
      `\nwhole run: ${((performance.now() - started) / 1000).toFixed(1)} s, load average now ${load()} ` +
        '(other work on the machine inflates wall times; the CPU table is not affected by it)\n',
    );
  } finally {
    await cloud.stop();
  }
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  exitCode = 1;
} finally {
  cleanup();
}
// In-process SDK clients keep sockets alive; leave now rather than wait for them.
process.exit(exitCode);
