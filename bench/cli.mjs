#!/usr/bin/env node
// bench/cli.mjs — the built faas CLI measured as a user runs it (`node bin/faas …`, cwd = a temp
// project) against a local cloud running as its own process (so the two never share an event loop):
//
//   1. `up`: fresh, then no-op with a warm build cache and with it cleared; wall time spawned, and
//      read / mutating AWS call counts from the in-process path (main(argv, deps) with a
//      createClients that keeps the CallCounter it is given).
//   2. `send --count 2000 --concurrency 32 --json` then `verify --last --json`, against a bare
//      node:http server on loopback driven by the same sendEvents (dist/traffic/send.js); then where
//      the time goes: CPU per event of every process in the pipeline (/proc) and the server-side
//      durations from the local cloud's request log.
//   2b. The webhook flow (a second project with flows.webhook): `send webhook --count 2000
//      --concurrency 32` over 32 groups → accepted/s, and the time until the cloud has stored all
//      2000 (its request log), then `verify --last --json`.
//   3. `release` unchanged (spawned and in-process) vs changed (in-process, with an `artifacts` dep
//      that adds one file to the real zip), counting UpdateFunctionCode calls.
//   4. Zip size per function with the SDK bundled (buildFunctionArtifact).
//
// Timings are printed, never asserted. Needs `npm run build` first (`npm run bench:cli` does it).
// Everything listens on 127.0.0.1; every spawned process is killed and every temp dir removed on
// the way out, whatever happens. The whole run takes about 1.5 minutes and gives up after six.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FAAS = join(ROOT, 'bin', 'faas');
const CLOUD_MAIN = join(ROOT, 'dist', 'local', 'main.js');
/** src/release/cache.ts's cacheDir(packageRoot()). */
const BUILD_CACHE = join(ROOT, 'node_modules', '.cache', 'faas-build');

const SEND_COUNT = 2000;
const SEND_CONCURRENCY = 32;
const WARMUP_COUNT = 200;
const NOOP_UP_RUNS = 7;
const COLD_UP_RUNS = 3;
const RELEASE_RUNS = 3;
const FLOOR_RUNS = 5;
const REFERENCE_RUNS = 3;
const COMMAND_TIMEOUT_MS = 120_000;
const GIVE_UP_MS = 6 * 60_000;

const AIM = {
  noopUpMs: 1000,
  eventsPerSecond: 1500,
  p99Ms: 25,
  zipBytes: 300 * 1024,
};

const dist = (path) => import(pathToFileURL(join(ROOT, 'dist', path)).href);

// As bin/faas does: the SDK (loaded here for the in-process runs) warns that 2027 releases need Node 22.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// The CLI's environment: nothing from the caller's shell may redirect it elsewhere.
const cliEnv = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
for (const name of ['AWS_ENDPOINT_URL', 'AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'FAAS_TOKEN']) {
  delete cliEnv[name];
}

// ---------------------------------------------------------------------------------------------
// Processes and temp dirs: tracked here, cleaned up on every way out.

/** @type {Set<{ child: import('node:child_process').ChildProcess, group: boolean }>} */
const children = new Set();
const tempDirs = [];

function track(child, group = false) {
  const entry = { child, group };
  children.add(entry);
  // A process group (the local cloud and its Lambda environments) stays listed until the group
  // itself has been killed: its leader exiting does not mean its children have.
  if (!group) child.once('exit', () => children.delete(entry));
  return entry;
}

function killEntry(entry, signal) {
  try {
    if (entry.group) process.kill(-entry.child.pid, signal);
    else entry.child.kill(signal);
  } catch {
    // Already gone.
  }
}

function cleanupSync() {
  for (const entry of children) killEntry(entry, 'SIGKILL');
  children.clear();
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

process.on('exit', cleanupSync);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    process.stderr.write(`\nbench: ${signal}, cleaning up\n`);
    cleanupSync();
    process.exit(130);
  });
}
setTimeout(() => {
  process.stderr.write(`bench: still running after ${GIVE_UP_MS / 60_000} minutes, giving up\n`);
  process.exit(1);
}, GIVE_UP_MS).unref();

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const progress = (line) => process.stderr.write(`· ${line}\n`);

// ---------------------------------------------------------------------------------------------
// Statistics and tables.

/** Nearest-rank percentile; with fewer than 100 samples p99 is the maximum. */
function percentile(samples, p) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}
const median = (samples) => percentile(samples, 50);

const fmtMs = (v) => (v === undefined ? '—' : v < 10 ? `${v.toFixed(2)} ms` : `${v.toFixed(0)} ms`);
const fmtRate = (v) => `${Math.round(v).toLocaleString('en-US')} ev/s`;
const fmtKb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const fmtRatio = (figure, reference) =>
  reference > 0 && Number.isFinite(figure / reference) ? `${(figure / reference).toFixed(2)}×` : '—';
const met = (ok) => (ok ? 'met' : 'NOT MET');
const spread = (samples) => `${fmtMs(median(samples))} (p99 ${fmtMs(percentile(samples, 99))})`;

function printTable(title, rows, note) {
  const header = ['metric', 'figure', 'reference', 'ratio', 'aim', 'met'];
  const cells = rows.map((r) => [
    r.metric,
    r.figure,
    r.reference ?? '—',
    r.ratio ?? '—',
    r.aim ?? '—',
    r.met ?? '—',
  ]);
  printGrid(title, header, cells, note);
}

function printGrid(title, header, cells, note) {
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => String(c[i]).length)));
  const line = (values) =>
    values.map((v, i) => (i === 0 ? String(v).padEnd(widths[i]) : String(v).padStart(widths[i]))).join('  ');
  const out = [`\n## ${title}`, line(header), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const c of cells) out.push(line(c));
  if (note) out.push(...note.split('\n').map((l) => `  ${l}`));
  process.stdout.write(`${out.join('\n')}\n`);
}

// ---------------------------------------------------------------------------------------------
// The local cloud, the reference server and the CLI, as processes.

/** Waits for `ready <url>` in a file a process writes its stdout to. */
async function waitForReady(file, child, what) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${what} exited before it was ready:\n${readFileSync(file, 'utf8')}`);
    }
    const match = /^ready (\S+)/m.exec(readFileSync(file, 'utf8'));
    if (match) return match[1];
    await sleep(20);
  }
  throw new Error(`${what} was not ready after 20 s:\n${readFileSync(file, 'utf8')}`);
}

/**
 * `node dist/local/main.js --port 0 --data-dir DIR`, logging one line per request to a file (as
 * `faas local start --detach` does). Its own process group, so its Lambda environments go with it.
 */
async function startCloud(dataDir, logFile) {
  const fd = openSync(logFile, 'w');
  const child = spawn(process.execPath, [CLOUD_MAIN, '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    env: cliEnv,
    detached: true,
    stdio: ['ignore', fd, fd],
  });
  const entry = track(child, true);
  const endpoint = await waitForReady(logFile, child, 'the local cloud');
  const readyLine = /^ready \S+ in (\d+)ms/m.exec(readFileSync(logFile, 'utf8'));
  return {
    endpoint,
    pid: child.pid,
    startMs: readyLine ? Number(readyLine[1]) : undefined,
    async stop() {
      // SIGTERM lets it stop its Lambda environments; then the whole group goes, whatever is left.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, sleep(5_000)]);
      }
      killEntry(entry, 'SIGKILL');
      children.delete(entry);
    },
  };
}

/**
 * The physical limit: node:http on loopback appending each body (one line) to a file and answering
 * 201 {id}. No fsync: the local cloud's journal syncs, this does not (it is the floor, not a peer).
 */
const REFERENCE_SERVER = `
import { randomUUID } from 'node:crypto';
import { open } from 'node:fs/promises';
import { createServer } from 'node:http';
const file = await open(process.argv[1], 'a');
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const id = randomUUID();
    try {
      await file.appendFile(Buffer.concat([...chunks, Buffer.from('\\n')]));
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write('ready http://127.0.0.1:' + server.address().port + '\\n'));
`;

async function startReferenceServer(bodiesFile, logFile) {
  const fd = openSync(logFile, 'w');
  const child = spawn(process.execPath, ['--input-type=module', '-e', REFERENCE_SERVER, bodiesFile], {
    env: cliEnv,
    stdio: ['ignore', fd, fd],
  });
  const entry = track(child);
  const endpoint = await waitForReady(logFile, child, 'the reference server');
  return {
    endpoint,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      killEntry(entry, 'SIGKILL');
      await Promise.race([exited, sleep(2_000)]);
    },
  };
}

/** `node bin/faas …` in `cwd`, timed from spawn to exit. */
function runCli(args, cwd, { timeoutMs = COMMAND_TIMEOUT_MS, nodeArgs = [] } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...nodeArgs, FAAS, ...args], {
      cwd,
      env: cliEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    track(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d) => {
      stderr += d;
    });
    // The child's CPU time, sampled until it exits (its last ≤ 50 ms are not seen).
    let cpuMs;
    const sampler = setInterval(() => {
      cpuMs = readCpuMs(child.pid) ?? cpuMs;
    }, 50);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      clearInterval(sampler);
      reject(error);
    });
    child.once('exit', () => clearInterval(sampler));
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(sampler);
      resolve({ code, signal, stdout, stderr, cpuMs, ms: performance.now() - started });
    });
  });
}

function expectOk(result, what) {
  if (result.code === 0) return result;
  const why = result.signal ? `was killed (${result.signal})` : `exited with ${result.code}`;
  throw new Error(`${what} ${why}:\n${result.stderr || result.stdout}`);
}

/** Any process, timed (for the startup floors). */
function timeProcess(args) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, env: cliEnv, stdio: 'ignore' });
    track(child);
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve(performance.now() - started);
      else reject(new Error(`node ${args.join(' ')} exited with ${code}`));
    });
  });
}

function writeProject(dir, project, endpoint) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '.faasrc.json'), JSON.stringify({ project, target: 'local', endpoint }));
}

// ---------------------------------------------------------------------------------------------
// The CLI in-process, for what cannot be seen from outside (read calls, UpdateFunctionCode).

/** The length of the union of [start, end] spans: time with at least one of them open. */
function unionMs(spans) {
  let total = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const [a, b] of [...spans].sort((x, y) => x[0] - y[0])) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

async function loadInProcess() {
  const [{ main }, { defaultDeps }, { createAwsClients }] = await Promise.all([
    dist('cli.js'),
    dist('cli/deps.js'),
    dist('aws/clients.js'),
  ]);
  /** main(argv, deps) with captured output and the CallCounter of the command's session. */
  return async function runInProcess(args, cwd, overrides = {}) {
    const counters = [];
    const lines = [];
    const callSpans = [];
    const deps = {
      ...defaultDeps(),
      cwd,
      env: cliEnv,
      output: { out: (l) => lines.push(l), err: (l) => lines.push(l), isTTY: false },
      createClients: (settings, counter) => {
        counters.push(counter);
        const clients = createAwsClients(settings, counter);
        // When at least one AWS call was in flight (waiters sleep between calls, so not in here).
        for (const client of Object.values(clients)) {
          client.middlewareStack.add(
            (next) => async (args) => {
              const t0 = performance.now();
              try {
                return await next(args);
              } finally {
                callSpans.push([t0, performance.now()]);
              }
            },
            { step: 'initialize', name: 'benchCallTimer', override: true },
          );
        }
        return clients;
      },
      ...overrides,
    };
    const started = performance.now();
    const code = await main(['node', 'faas', ...args], deps);
    const ms = performance.now() - started;
    if (code !== 0)
      throw new Error(`in-process faas ${args.join(' ')} exited with ${code}:\n${lines.join('\n')}`);
    const calls = counters.flatMap((c) => c.calls);
    return {
      ms,
      callMs: unionMs(callSpans),
      lines,
      reads: calls.filter((c) => c.kind === 'read').length,
      mutations: calls.filter((c) => c.kind === 'mutating').length,
      count: (command) => calls.filter((c) => c.command === command).length,
    };
  };
}

// ---------------------------------------------------------------------------------------------
// The local cloud's request log: `<iso> <service.Action | METHOD path (…)> <status> <ms>ms`.

function parseCloudLog(text) {
  const entries = [];
  for (const line of text.split('\n')) {
    const m = /^(\S+) (.+) (\d{3}) ([\d.]+)ms$/.exec(line);
    if (!m) continue;
    const op = m[2].replace(/\/execute-api\/[^/]+\//, '/execute-api/{api}/');
    entries.push({ at: Date.parse(m[1]), op, status: Number(m[3]), ms: Number(m[4]) });
  }
  return entries;
}

// ---------------------------------------------------------------------------------------------
// CPU time per process from /proc (Linux; elsewhere the CPU table is left out). Unlike wall time
// it does not grow when other work on the machine competes for the CPUs.

/** USER_HZ, the unit of utime/stime in /proc/<pid>/stat: 100 on every Linux build in use. */
const CLOCK_TICKS = 100;

function readCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

function childPids(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return text === '' ? [] : text.split(/\s+/).map(Number);
  } catch {
    return [];
  }
}

/** Role → { ms, processes } for the local cloud and every process under it (its Lambda environments). */
function cloudTreeCpu(rootPid) {
  const roles = new Map();
  const add = (role, ms) => {
    const r = roles.get(role) ?? { ms: 0, processes: 0 };
    roles.set(role, { ms: r.ms + ms, processes: r.processes + 1 });
  };
  const walk = (pid, depth) => {
    const ms = readCpuMs(pid);
    if (ms === undefined) return;
    let role = 'local cloud (main.js)';
    if (depth > 0) {
      let env = '';
      try {
        env = readFileSync(`/proc/${pid}/environ`, 'utf8');
      } catch {
        // Not ours to read: name it by its command line below.
      }
      const fn = /(?:^|\0)AWS_LAMBDA_FUNCTION_NAME=([^\0]*)/.exec(env)?.[1];
      role = fn ? `Lambda ${fn} (environments)` : 'other processes under the cloud';
    }
    add(role, ms);
    if (depth < 3) for (const child of childPids(pid)) walk(child, depth + 1);
  };
  walk(rootPid, 0);
  return roles.size > 0 ? roles : undefined;
}

function serverBreakdown(entries) {
  const byOp = new Map();
  for (const e of entries) {
    if (!byOp.has(e.op)) byOp.set(e.op, []);
    byOp.get(e.op).push(e.ms);
  }
  return [...byOp.entries()]
    .sort((a, b) => b[1].length - a[1].length)
    .map(([op, ms]) => [
      op,
      ms.length,
      fmtMs(median(ms)),
      fmtMs(percentile(ms, 99)),
      fmtMs(Math.max(...ms)),
      `${(ms.reduce((s, v) => s + v, 0) / 1000).toFixed(1)} s`,
    ]);
}

// ---------------------------------------------------------------------------------------------

async function benchUp({ projectDir, inProcessDir, runInProcess }) {
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

async function benchTraffic({ projectDir, cloud, cloudLog, root }) {
  const { sendEvents } = await dist('traffic/send.js');

  progress(`faas send --count ${WARMUP_COUNT} --concurrency ${SEND_CONCURRENCY} (cold Lambda environments)`);
  const warmup = expectOk(
    await runCli(
      ['send', '--count', String(WARMUP_COUNT), '--concurrency', String(SEND_CONCURRENCY), '--json'],
      projectDir,
    ),
    'warm-up faas send',
  );
  const warmupReport = JSON.parse(warmup.stdout);
  // Let the warm-up's asynchronous deliveries land, so they do not count in the measured window.
  expectOk(await runCli(['verify', '--last', '--json'], projectDir), 'warm-up faas verify');

  const logStart = readFileSync(cloudLog).byteLength;
  const cpuBefore = cloudTreeCpu(cloud.pid);
  progress(`faas send --count ${SEND_COUNT} --concurrency ${SEND_CONCURRENCY} --json`);
  const send = await runCli(
    ['send', '--count', String(SEND_COUNT), '--concurrency', String(SEND_CONCURRENCY), '--json'],
    projectDir,
  );
  if (send.code !== 0 && !send.stdout.trim().startsWith('{')) expectOk(send, 'faas send');
  const report = JSON.parse(send.stdout);

  // The store Lambda runs asynchronously: wait (bounded) until the cloud has stored every accepted
  // event, so the CPU snapshot covers the whole pipeline and verify measures checking, not waiting.
  const storedSoFar = () =>
    parseCloudLog(readFileSync(cloudLog).subarray(logStart).toString('utf8')).filter(
      (e) => e.op === 's3.PutObject' && e.status === 200,
    ).length;
  const deliveryDeadline = Date.now() + 60_000;
  while (storedSoFar() < report.accepted && Date.now() < deliveryDeadline) await sleep(100);
  const cpuAfter = cloudTreeCpu(cloud.pid);

  progress('faas verify --last --json');
  const verify = await runCli(['verify', '--last', '--json'], projectDir);
  if (verify.code !== 0 && !verify.stdout.trim().startsWith('{')) expectOk(verify, 'faas verify');
  const verified = JSON.parse(verify.stdout);
  const window = parseCloudLog(readFileSync(cloudLog).subarray(logStart).toString('utf8'));

  // End to end from the cloud's own log (one clock): first POST arriving → last object stored.
  const posts = window.filter((e) => e.op.startsWith('POST '));
  const puts = window.filter((e) => e.op === 's3.PutObject' && e.status === 200);
  const firstIn = Math.min(...posts.map((e) => e.at - e.ms));
  const lastStored = Math.max(...puts.map((e) => e.at));
  const e2eSeconds = (lastStored - firstIn) / 1000;
  const e2eRate = puts.length / e2eSeconds;

  progress(`reference: node:http on loopback, sendEvents ${SEND_COUNT} × concurrency ${SEND_CONCURRENCY}`);
  const server = await startReferenceServer(
    join(root, 'reference-bodies.ndjson'),
    join(root, 'reference.log'),
  );
  const refRuns = [];
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
    for (let i = 0; i < REFERENCE_RUNS; i++) refRuns.push(await drive(SEND_COUNT));
  } finally {
    await server.stop();
  }
  // The median run by rate, reported whole (its rate and its latencies belong together).
  const ref = [...refRuns].sort((a, b) => a.eventsPerSecond - b.eventsPerSecond)[
    Math.floor(REFERENCE_RUNS / 2)
  ];
  const refFailed = refRuns.reduce((n, r) => n + r.failures.length, 0);

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

  if (cpuBefore && cpuAfter) {
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
    const perEvent = total / report.accepted;
    printGrid(
      `where the time goes: CPU per event by process, send of ${SEND_COUNT} until all stored (/proc)`,
      ['process', 'processes', 'CPU', 'per event', 'share'],
      [
        ...cpuRows.map(([role, n, ms]) => [
          role,
          n,
          `${(ms / 1000).toFixed(2)} s`,
          fmtMs(ms / report.accepted),
          `${((100 * ms) / total).toFixed(0)}%`,
        ]),
        ['total', '', `${(total / 1000).toFixed(2)} s`, fmtMs(perEvent), '100%'],
      ],
      `at ${fmtMs(perEvent)} of CPU per event, ${cpus} CPUs cap the pipeline at ~${fmtRate((cpus * 1000) / perEvent)} even on an idle machine;\n` +
        `${fmtRate(AIM.eventsPerSecond)} on ${cpus} CPUs needs ≤ ${fmtMs((cpus * 1000) / AIM.eventsPerSecond)} per event. CPU is user + system time; ` +
        'processes that exited inside the window are not counted.',
    );
  }

  printGrid(
    'where the time goes: local cloud request log during send + verify (server-side durations)',
    ['operation', 'count', 'p50', 'p99', 'max', 'sum'],
    serverBreakdown(window),
    'POST … = the API Gateway data plane request, which includes the synchronous api Lambda invoke (and its PutEvents).\n' +
      's3.PutObject comes from the store Lambda (async, via EventBridge); s3.GetObject from verify.',
  );
}

async function benchRelease({ projectDir, runInProcess }) {
  const [{ buildFunctionArtifact, deterministicZip, sha256Base64 }, { unzipSync }] = await Promise.all([
    dist('release/index.js'),
    import('fflate'),
  ]);

  progress(`faas release --json (unchanged, spawned) ×${RELEASE_RUNS}`);
  const spawned = [];
  let spawnedChanged = 0;
  for (let i = 0; i < RELEASE_RUNS; i++) {
    const r = expectOk(await runCli(['release', '--json'], projectDir), 'faas release (unchanged)');
    spawnedChanged += JSON.parse(r.stdout).functions.filter((f) => f.changed).length;
    spawned.push(r.ms);
  }

  progress(`in-process faas release (unchanged) ×${RELEASE_RUNS}`);
  const unchanged = [];
  for (let i = 0; i < RELEASE_RUNS; i++) unchanged.push(await runInProcess(['release'], projectDir));

  // A change without touching src/: the real zip plus one extra file, re-zipped deterministically.
  // Built before the timed run, so the timing is the publish path only (a real edit also pays
  // the cold build measured in the `up` table).
  const modified = async (nonce) => {
    const out = new Map();
    for (const fn of ['api', 'store']) {
      const real = await buildFunctionArtifact(fn);
      const files = Object.entries(unzipSync(real.zip)).map(([name, data]) => ({ name, data }));
      files.push({
        name: 'bench-change.txt',
        data: new TextEncoder().encode(`faas bench change ${nonce}\n`),
      });
      const zip = await deterministicZip(files);
      out.set(fn, { zip, sha256: sha256Base64(zip) });
    }
    return { build: async (request) => out.get(request.function) };
  };

  progress(`in-process faas release (changed: both functions) ×${RELEASE_RUNS}`);
  const changed = [];
  for (let i = 0; i < RELEASE_RUNS; i++) {
    const artifacts = await modified(`${Date.now()}-${i}`);
    changed.push(await runInProcess(['release'], projectDir, { artifacts }));
  }
  // Back to the real code, so the deployed pipeline matches the source again.
  await runInProcess(['release'], projectDir);

  const uploads = (runs) => runs.map((r) => r.count('UpdateFunctionCodeCommand'));
  const unchangedUploads = uploads(unchanged);
  const changedUploads = uploads(changed);
  const unchangedMs = unchanged.map((r) => r.ms);
  const changedMs = changed.map((r) => r.ms);
  const rows = [
    {
      metric: `unchanged: wall (spawned) median (p99), n=${RELEASE_RUNS}`,
      // A change here means the handler sources changed during the run (someone edited src/handlers).
      figure: `${spread(spawned)}, ${spawnedChanged} changed`,
      aim: '0 changed',
      met: met(spawnedChanged === 0),
    },
    {
      metric: 'unchanged: UpdateFunctionCode / mutating (in-process)',
      figure: `${Math.max(...unchangedUploads)} / ${Math.max(...unchanged.map((r) => r.mutations))}`,
      aim: '0 / 0',
      met: met(unchanged.every((r) => r.mutations === 0 && r.count('UpdateFunctionCodeCommand') === 0)),
    },
    { metric: 'unchanged: read calls (in-process)', figure: String(unchanged[0].reads) },
    { metric: `unchanged: wall (in-process) median (p99), n=${RELEASE_RUNS}`, figure: spread(unchangedMs) },
    {
      metric: `changed: wall (in-process) median (p99), n=${RELEASE_RUNS}`,
      figure: spread(changedMs),
      reference: fmtMs(median(unchangedMs)),
      ratio: fmtRatio(median(changedMs), median(unchangedMs)),
    },
    {
      metric: 'changed: with an AWS call in flight, median',
      figure: fmtMs(median(changed.map((r) => r.callMs))),
    },
    {
      metric: 'changed: UpdateFunctionCode / mutating (in-process)',
      figure: `${Math.min(...changedUploads)} / ${Math.min(...changed.map((r) => r.mutations))}`,
      aim: '2 uploads',
      met: met(changedUploads.every((n) => n === 2)),
    },
    { metric: 'changed: read calls (in-process)', figure: String(changed[0].reads) },
  ];
  printTable(
    'faas release',
    rows,
    'changed = an artifacts dep returning the real zip plus one extra file (src/ untouched), built before timing;\n' +
      'reference for the changed row: the unchanged in-process release of the same run. Wall time with no AWS call in flight\n' +
      'is local work plus the SDK waiters sleeping between polls (FunctionUpdatedV2, PublishedVersionActive).',
  );
}

async function benchZips() {
  const [{ buildFunctionArtifact }, { unzipSync }] = await Promise.all([
    dist('release/index.js'),
    import('fflate'),
  ]);
  progress('zip sizes (buildFunctionArtifact), and an uncached build of each');
  const rows = [];
  for (const fn of ['api', 'store']) {
    const artifact = await buildFunctionArtifact(fn);
    const unzipped = Object.values(unzipSync(artifact.zip)).reduce((n, d) => n + d.byteLength, 0);
    const started = performance.now();
    await buildFunctionArtifact(fn, { cache: false });
    const buildMs = performance.now() - started;
    rows.push({
      metric: `${fn}: zip (SDK bundled)`,
      figure: fmtKb(artifact.size),
      aim: `< ${AIM.zipBytes / 1024} KB`,
      met: met(artifact.size < AIM.zipBytes),
    });
    rows.push({ metric: `${fn}: index.mjs unzipped`, figure: fmtKb(unzipped) });
    rows.push({ metric: `${fn}: uncached build (esbuild + zip)`, figure: fmtMs(buildMs) });
  }
  printTable('function zips', rows);
}

// ---------------------------------------------------------------------------------------------
// The webhook flow end to end: POST /webhook (API Gateway → SQS FIFO) → the processing Lambda
// (event source mapping) → webhooks/<group>/… in S3.

const WEBHOOK_GROUPS = 32;

async function benchWebhook({ root, cloud, cloudLog }) {
  const dir = join(root, 'project-webhook');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, '.faasrc.json'),
    JSON.stringify({ project: 'benchwh', target: 'local', endpoint: cloud.endpoint, flows: { webhook: {} } }),
  );
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
  const storedSince = (offset) =>
    parseCloudLog(readFileSync(cloudLog).subarray(offset).toString('utf8')).filter(
      (e) => e.op === 's3.PutObject' && e.status === 200,
    ).length;

  progress(`faas send webhook --count ${WARMUP_COUNT} (warm-up: cold Lambda environments), verify --last`);
  expectOk(await runCli(sendArgs(WARMUP_COUNT), dir), 'warm-up faas send webhook');
  expectOk(await runCli(['verify', '--last', '--json', '--timeout', '60s'], dir), 'warm-up faas verify');

  const logStart = readFileSync(cloudLog).byteLength;
  progress(
    `faas send webhook --count ${SEND_COUNT} --concurrency ${SEND_CONCURRENCY} --group g1,…,g${WEBHOOK_GROUPS} --json`,
  );
  const t0 = performance.now();
  const send = await runCli(sendArgs(SEND_COUNT), dir);
  if (send.code !== 0 && !send.stdout.trim().startsWith('{')) expectOk(send, 'faas send webhook');
  const report = JSON.parse(send.stdout);
  // Bounded wait until the processing Lambda has stored every accepted webhook, read from the
  // cloud's request log (no extra load on the cloud while it drains).
  const deadline = Date.now() + 90_000;
  let stored = storedSince(logStart);
  while (stored < report.accepted && Date.now() < deadline) {
    await sleep(20);
    stored = storedSince(logStart);
  }
  const allStoredMs = performance.now() - t0;
  const window = parseCloudLog(readFileSync(cloudLog).subarray(logStart).toString('utf8'));
  const posts = window.filter((e) => e.op.startsWith('POST '));
  const puts = window.filter((e) => e.op === 's3.PutObject' && e.status === 200);
  const firstIn = Math.min(...posts.map((e) => e.at - e.ms));
  const lastPost = Math.max(...posts.map((e) => e.at));
  const lastStored = Math.max(...puts.map((e) => e.at));

  progress('faas verify --last --json');
  const verify = await runCli(['verify', '--last', '--json', '--timeout', '30s'], dir);
  if (verify.code !== 0 && !verify.stdout.trim().startsWith('{')) expectOk(verify, 'faas verify (webhook)');
  const v = JSON.parse(verify.stdout);
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
      loadavg()
        .map((l) => l.toFixed(1))
        .join(' ');
    process.stdout.write(
      `faas CLI bench — node ${process.version}, ${availableParallelism()} CPUs, load average ${load()}, ` +
        `local cloud as a process at ${cloud.endpoint}\n`,
    );
    if (loadavg()[0] > availableParallelism() / 2) {
      process.stdout.write(
        'warning: the machine is busy: wall times and rates are inflated; compare the ratios and the CPU table.\n',
      );
    }
    // BENCH_ONLY=up,traffic,webhook,release,zips runs only those sections (release needs up).
    const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
    const run = (key) => !only || only.includes(key);
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
  cleanupSync();
}
// In-process SDK clients keep sockets alive; leave now rather than wait for them.
process.exit(exitCode);
