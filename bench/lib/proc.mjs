// Process facts from /proc (Linux): CPU time, RSS, children and which Lambda function a process
// runs. Unlike wall time, CPU time does not grow when other work competes for the CPUs. Elsewhere
// RSS comes from `ps` and the rest is unknown (undefined).

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let clockTicks;
/** USER_HZ, the unit of utime/stime in /proc/<pid>/stat (100 on every Linux build in use). */
function ticksPerSecond() {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** The fields of /proc/<pid>/stat after the command (which may hold spaces or parentheses). */
function statFields(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** CPU time (user + system, all threads) a process has used so far, in ms. */
export function cpuMs(pid) {
  try {
    const fields = statFields(pid);
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond();
  } catch {
    return undefined;
  }
}

/** Resident set size now and at its peak (VmHWM), in KB; NaN where not known. */
export function rssKb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rss: field('VmRSS'), hwm: field('VmHWM') };
  } catch {
    try {
      const rss = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
      return { rss, hwm: Number.NaN };
    } catch {
      return { rss: Number.NaN, hwm: Number.NaN };
    }
  }
}

/** The pids whose parent is `ppid`. */
export function childPids(ppid) {
  const pids = [];
  let entries = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return pids;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // After the command: state, ppid, …
      if (Number(statFields(entry)[1]) === ppid) pids.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return pids;
}

/** The Lambda function an execution environment runs: AWS_LAMBDA_FUNCTION_NAME in its environ. */
export function lambdaFunctionOf(pid) {
  try {
    const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    return environ.find((v) => v.startsWith('AWS_LAMBDA_FUNCTION_NAME='))?.slice(25);
  } catch {
    return undefined;
  }
}
