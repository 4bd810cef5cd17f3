// The CLI bench's processes: the local cloud (durable, logging each request to a file), the
// reference server, and `node bin/faas …` itself, each timed from spawn; all tracked for clean-up.

import { spawn } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpuMs } from '../lib/proc.mjs';
import { killGroup, signal, sleep, stopChild, track } from '../lib/processes.mjs';
import { waitForReadyFile } from '../lib/ready.mjs';
import { CLOUD_MAIN, FAAS, ROOT } from '../lib/setup.mjs';
import { COMMAND_TIMEOUT_MS, cliEnv } from './config.mjs';

/**
 * `node dist/local/main.js --port 0 --data-dir DIR`, logging one line per request to a file (as
 * `faas local start --detach` does). Its own process group, so its Lambda environments go with it.
 */
export async function startCloud(dataDir, logFile) {
  const fd = openSync(logFile, 'w');
  const child = spawn(process.execPath, [CLOUD_MAIN, '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    env: cliEnv,
    detached: true,
    stdio: ['ignore', fd, fd],
  });
  track(child, { group: true });
  const ready = await waitForReadyFile(logFile, child, 'the local cloud');
  return {
    endpoint: ready.endpoint,
    pid: child.pid,
    startMs: ready.inMs,
    async stop() {
      // SIGTERM lets it stop its Lambda environments; then the whole group goes, whatever is left.
      await stopChild(child);
      killGroup(child);
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

export async function startReferenceServer(bodiesFile, logFile) {
  const fd = openSync(logFile, 'w');
  const child = spawn(process.execPath, ['--input-type=module', '-e', REFERENCE_SERVER, bodiesFile], {
    env: cliEnv,
    stdio: ['ignore', fd, fd],
  });
  track(child);
  const { endpoint } = await waitForReadyFile(logFile, child, 'the reference server');
  return {
    endpoint,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      signal(child, 'SIGKILL');
      await Promise.race([exited, sleep(2_000)]);
    },
  };
}

/** `node bin/faas …` in `cwd`, timed from spawn to exit. */
export function runCli(args, cwd, { timeoutMs = COMMAND_TIMEOUT_MS, nodeArgs = [] } = {}) {
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
    let cpu;
    const sampler = setInterval(() => {
      cpu = cpuMs(child.pid) ?? cpu;
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
      resolve({ code, signal, stdout, stderr, cpuMs: cpu, ms: performance.now() - started });
    });
  });
}

export function expectOk(result, what) {
  if (result.code === 0) return result;
  const why = result.signal ? `was killed (${result.signal})` : `exited with ${result.code}`;
  throw new Error(`${what} ${why}:\n${result.stderr || result.stdout}`);
}

/** The JSON report of a `--json` command; it may exit non-zero with a report (some failed). */
export function jsonReport(result, what) {
  if (result.code !== 0 && !result.stdout.trim().startsWith('{')) expectOk(result, what);
  return JSON.parse(result.stdout);
}

/** Any process, timed (for the startup floors). */
export function timeProcess(args) {
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

export function writeProject(dir, project, endpoint, extra = {}) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '.faasrc.json'), JSON.stringify({ project, target: 'local', endpoint, ...extra }));
}
