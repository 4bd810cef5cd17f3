// The servers under test as processes: the local cloud (durable or --ephemeral), the floor server
// (bench/local-cloud.mjs --bare-server) and moto_server, plus the clouds' Lambda environments.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { delimiter, join } from 'node:path';
import { childPids, lambdaFunctionOf, rssKb } from '../lib/proc.mjs';
import { onCleanup, sleep, track } from '../lib/processes.mjs';
import { spawnReady } from '../lib/ready.mjs';
import { CLOUD_MAIN } from '../lib/setup.mjs';
import { CLOUD_ARGS, SELF } from './config.mjs';

/** Environments seen so far: they die with their runtime API socket; any that have not, by pid. */
export const lambdaPids = new Set();
onCleanup(() => {
  for (const pid of lambdaPids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** The local cloud as its own process; --quiet turns off its one log line per request. */
export function startCloud({ dataDir, fsync = true } = {}) {
  const args = [CLOUD_MAIN, '--port', '0', '--quiet', ...CLOUD_ARGS];
  args.push(...(dataDir ? ['--data-dir', dataDir] : ['--ephemeral']));
  if (!fsync) args.push('--no-fsync');
  return spawnReady(process.execPath, args);
}

export const startBare = () => spawnReady(process.execPath, [SELF, '--bare-server']);

export function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, command)));
}

async function freePort() {
  const server = http.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(undefined));
  });
}

/** moto_server prints nothing machine-readable: ready is its first HTTP answer (polled every 5 ms). */
export async function startMoto() {
  const port = await freePort();
  const started = performance.now();
  const child = track(spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' }));
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = started + 30_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}`);
    if ((await httpStatus(`${endpoint}/moto-api/`)) !== undefined)
      return { child, endpoint, readyMs: performance.now() - started };
    await sleep(5);
  }
  child.kill('SIGKILL');
  throw new Error('moto_server not ready after 30 s');
}

/** The execution environments (child processes) of a local cloud, by function name. */
export function environments(cloudPid) {
  const envs = [];
  for (const pid of childPids(cloudPid)) {
    const fn = lambdaFunctionOf(pid);
    if (fn === undefined) continue;
    lambdaPids.add(pid);
    envs.push({ pid, fn, ...rssKb(pid) });
  }
  return envs;
}
