// Finds the runnable bootstrap for execution environments: the compiled bootstrap.js of a dist
// build, or, when running from TypeScript sources, a one-off esbuild bundle cached under the OS tmpdir.

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AwsServiceError } from '../../../errors.js';

/** Every source file the bootstrap bundles: the cache key must change whenever any of them does. */
const BOOTSTRAP_SOURCES = ['bootstrap.ts', 'bootstrapLog.ts', 'handlerLoader.ts', 'protocol.ts'];

let resolved: Promise<string> | undefined;

/** Path of a bootstrap `node` can run; computed once per process. */
export function resolveBootstrapPath(): Promise<string> {
  resolved ??= locate().catch((error: unknown) => {
    resolved = undefined;
    throw error instanceof AwsServiceError
      ? error
      : new AwsServiceError('ServiceException', `Cannot prepare the Lambda bootstrap: ${String(error)}`, 500);
  });
  return resolved;
}

async function locate(): Promise<string> {
  const here = fileURLToPath(import.meta.url);
  const dir = path.dirname(here);
  const compiled = path.join(dir, 'bootstrap.js');
  if (here.endsWith('.js') && existsSync(compiled)) return compiled;

  const hash = createHash('sha256');
  for (const name of BOOTSTRAP_SOURCES) hash.update(name).update(await readFile(path.join(dir, name)));
  const cacheDir = path.join(os.tmpdir(), 'faas-lambda-bootstrap', hash.digest('hex').slice(0, 16));
  // .mjs: the bundle is ESM wherever the cache dir sits, whatever package.json is above it.
  const bundle = path.join(cacheDir, 'bootstrap.mjs');
  if (existsSync(bundle)) return bundle;

  await mkdir(cacheDir, { recursive: true });
  const { build } = await import('esbuild');
  // Build beside the target and rename: concurrent test workers never see half a file.
  const partial = `${bundle}.${process.pid}.${Date.now()}.tmp`;
  await build({
    entryPoints: [path.join(dir, 'bootstrap.ts')],
    outfile: partial,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
  });
  await rename(partial, bundle);
  return bundle;
}
