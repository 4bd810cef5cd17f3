// `npm run bench`: runs every benchmark script of this directory that exists, one after another (so
// they never compete for the CPU), each in its own process. Exits non-zero if any of them did.
// Needs `npm run build` first; the npm script does it.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BENCHES = ['local-cloud.mjs', 'cli.mjs'];

let current;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    current?.kill(signal);
    process.exit(130);
  });
}

const failed = [];
for (const name of BENCHES) {
  const file = fileURLToPath(new URL(name, import.meta.url));
  if (!existsSync(file)) {
    console.log(`\n=== bench/${name}: not present, skipped`);
    continue;
  }
  console.log(`\n=== bench/${name}`);
  const started = performance.now();
  const code = await new Promise((resolve) => {
    current = spawn(process.execPath, [file], { stdio: 'inherit' });
    current.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
    current.once('error', () => resolve(1));
  });
  current = undefined;
  console.log(`=== bench/${name}: exit ${code} after ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (code !== 0) failed.push(name);
}
if (failed.length > 0) {
  console.log(`\nfailed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
