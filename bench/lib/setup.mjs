// What both benches set up first: where the built project is, which sections BENCH_ONLY picks,
// how busy the machine already is, and an SDK that keeps quiet about Node versions.

import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The local cloud's entry point, run as its own process by both benches. */
export const CLOUD_MAIN = join(ROOT, 'dist', 'local', 'main.js');
export const FAAS = join(ROOT, 'bin', 'faas');

/** A module of the build (`npm run build`), e.g. dist('release/index.js'). */
export const dist = (path) => import(pathToFileURL(join(ROOT, 'dist', path)).href);

/** The SDK warns on stderr that its 2027 releases will need Node 22; not what the benches are about. */
export function quietSdk() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

/** BENCH_ONLY=a,b as a test of a section's key; every section passes when it is unset. */
export function sectionFilter() {
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  return (key) => !only || only.includes(key);
}

/** The load averages now, and whether over half the CPUs are already busy (noisy figures then). */
export function machineLoad(cpuCount) {
  const averages = loadavg();
  return { averages, busy: averages[0] > cpuCount * 0.5 };
}
