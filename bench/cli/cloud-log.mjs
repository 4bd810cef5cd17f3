// Where the time goes, from outside the CLI: the local cloud's request log (`<iso> <service.Action |
// METHOD path (…)> <status> <ms>ms`) and the CPU time of the cloud's process tree from /proc.

import { readFileSync } from 'node:fs';
import { childPids, cpuMs, lambdaFunctionOf } from '../lib/proc.mjs';
import { median, percentile } from '../lib/stats.mjs';
import { fmtMs } from './report.mjs';

export function parseCloudLog(text) {
  const entries = [];
  for (const line of text.split('\n')) {
    const m = /^(\S+) (.+) (\d{3}) ([\d.]+)ms$/.exec(line);
    if (!m) continue;
    const op = m[2].replace(/\/execute-api\/[^/]+\//, '/execute-api/{api}/');
    entries.push({ at: Date.parse(m[1]), op, status: Number(m[3]), ms: Number(m[4]) });
  }
  return entries;
}

/** The log's size now: where a window of it starts. */
export const logOffset = (logFile) => readFileSync(logFile).byteLength;

/** The entries logged since `offset`. */
export const logSince = (logFile, offset) =>
  parseCloudLog(readFileSync(logFile).subarray(offset).toString('utf8'));

/** The objects stored (s3.PutObject answered 200) among `entries`. */
export const storedPuts = (entries) => entries.filter((e) => e.op === 's3.PutObject' && e.status === 200);

/** A window's timeline on the cloud's own clock: first POST received, last POST answered, last stored. */
export function timeline(entries) {
  const posts = entries.filter((e) => e.op.startsWith('POST '));
  const puts = storedPuts(entries);
  return {
    puts,
    firstIn: Math.min(...posts.map((e) => e.at - e.ms)),
    lastPost: Math.max(...posts.map((e) => e.at)),
    lastStored: Math.max(...puts.map((e) => e.at)),
  };
}

/** Per operation: count, p50, p99, max and sum of the server-side durations, busiest first. */
export function serverBreakdown(entries) {
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

/** Role → { ms, processes } for the local cloud and every process under it (its Lambda environments). */
export function cloudTreeCpu(rootPid) {
  const roles = new Map();
  const add = (role, ms) => {
    const r = roles.get(role) ?? { ms: 0, processes: 0 };
    roles.set(role, { ms: r.ms + ms, processes: r.processes + 1 });
  };
  const walk = (pid, depth) => {
    const ms = cpuMs(pid);
    if (ms === undefined) return;
    let role = 'local cloud (main.js)';
    if (depth > 0) {
      // An environ we may not read leaves it named by its place: other processes.
      const fn = lambdaFunctionOf(pid);
      role = fn ? `Lambda ${fn} (environments)` : 'other processes under the cloud';
    }
    add(role, ms);
    if (depth < 3) for (const child of childPids(pid)) walk(child, depth + 1);
  };
  walk(rootPid, 0);
  return roles.size > 0 ? roles : undefined;
}
