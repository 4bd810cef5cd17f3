// Processes that announce themselves with a `ready <endpoint>[ in Nms]` line (the local cloud, the
// floor and reference servers): spawn one and wait for that line, on a pipe or in a log file.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { sleep, track } from './processes.mjs';

/** The first `ready` line of `text`: its endpoint, and the `in Nms` the server reports, if any. */
export function parseReady(text) {
  const m = /^ready (\S+)(?: in (\d+)ms)?/m.exec(text);
  if (!m) return undefined;
  return { endpoint: m[1], inMs: m[2] === undefined ? undefined : Number(m[2]) };
}

/** Spawns a process that prints a ready line on stdout; resolves with the time that took. */
export function spawnReady(command, args, { timeoutMs = 20_000 } = {}) {
  const started = performance.now();
  const child = track(
    spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    }),
  );
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} not ready after ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onExit = (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(' ')} exited (${code}) before ready:\n${out}`));
    };
    child.once('exit', onExit);
    child.stderr.on('data', (d) => {
      out += d;
    });
    const onData = (d) => {
      out += d;
      const ready = parseReady(out);
      if (!ready) return;
      const readyMs = performance.now() - started;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout.off('data', onData);
      child.stdout.resume(); // keep draining: a full pipe would block the child
      child.stderr.resume();
      resolve({ child, endpoint: ready.endpoint, readyMs, reportedMs: ready.inMs ?? Number.NaN });
    };
    child.stdout.on('data', onData);
  });
}

/** Waits (polling every 20 ms, at most 20 s) for a ready line in the file a process logs to. */
export async function waitForReadyFile(file, child, what) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${what} exited before it was ready:\n${readFileSync(file, 'utf8')}`);
    }
    const ready = parseReady(readFileSync(file, 'utf8'));
    if (ready) return ready;
    await sleep(20);
  }
  throw new Error(`${what} was not ready after 20 s:\n${readFileSync(file, 'utf8')}`);
}
