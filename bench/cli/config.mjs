// The CLI bench's settings: run sizes, aims, and the environment every `faas` command gets (nothing
// from the caller's shell may redirect it elsewhere).

import { join } from 'node:path';
import { ROOT } from '../lib/setup.mjs';

/** src/release/cache.ts's cacheDir(packageRoot()). */
export const BUILD_CACHE = join(ROOT, 'node_modules', '.cache', 'faas-build');

export const SEND_COUNT = 2000;
export const SEND_CONCURRENCY = 32;
export const WARMUP_COUNT = 200;
export const NOOP_UP_RUNS = 7;
export const COLD_UP_RUNS = 3;
export const RELEASE_RUNS = 3;
export const FLOOR_RUNS = 5;
export const REFERENCE_RUNS = 3;
export const WEBHOOK_GROUPS = 32;
export const COMMAND_TIMEOUT_MS = 120_000;
export const GIVE_UP_MS = 6 * 60_000;

export const AIM = {
  noopUpMs: 1000,
  eventsPerSecond: 1500,
  p99Ms: 25,
  zipBytes: 300 * 1024,
};

export const cliEnv = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
for (const name of ['AWS_ENDPOINT_URL', 'AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'FAAS_TOKEN']) {
  delete cliEnv[name];
}

export const progress = (line) => process.stderr.write(`· ${line}\n`);
