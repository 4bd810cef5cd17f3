// Every process a bench spawns is tracked here and killed on the way out, whatever the way out is
// (normal end, an exception, Ctrl-C), so no local cloud or Lambda environment outlives the run.

/** Tracked child → whether to signal its whole process group rather than the child alone. */
const tracked = new Map();
/** Synchronous clean-ups run after the children are killed (stray pids, temp dirs). */
const cleanups = [];

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function track(child, { group = false } = {}) {
  tracked.set(child, group);
  // A process group (a local cloud and its Lambda environments) stays listed until the group itself
  // has been killed: its leader exiting does not mean its children have.
  if (!group) child.once('exit', () => tracked.delete(child));
  return child;
}

/** Signals a tracked child, or its whole group when it was tracked as one; never throws. */
export function signal(child, name) {
  try {
    if (tracked.get(child)) process.kill(-child.pid, name);
    else child.kill(name);
  } catch {
    // Already gone.
  }
}

/** SIGKILLs a process group (see track) and forgets it. */
export function killGroup(child) {
  signal(child, 'SIGKILL');
  tracked.delete(child);
}

/** Adds a synchronous clean-up to the ones run on the way out. */
export function onCleanup(fn) {
  cleanups.push(fn);
}

/** SIGKILLs everything still tracked, then runs the clean-ups; safe to call more than once. */
export function cleanup() {
  for (const child of [...tracked.keys()]) signal(child, 'SIGKILL');
  tracked.clear();
  for (const fn of cleanups) fn();
}

/**
 * Cleans up on exit and on the given signals (which exit with 130); `announce` says so on stderr
 * first, for a run long enough that a silent stop would puzzle.
 */
export function cleanupOnExit({ signals = ['SIGINT', 'SIGTERM'], announce = false } = {}) {
  process.on('exit', cleanup);
  for (const name of signals) {
    process.on(name, () => {
      if (announce) process.stderr.write(`\nbench: ${name}, cleaning up\n`);
      cleanup();
      process.exit(130);
    });
  }
}

/** SIGTERM, then SIGKILL after graceMs; resolves once the child has exited. */
export async function stopChild(child, graceMs = 5000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
