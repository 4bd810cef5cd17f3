// Locates the package root and a handler's source, the same way from src/ (vitest, tsx) and from
// dist/ (the built CLI): both sit one level under the root, so we walk up to our package.json.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FaasError } from '../errors.js';

const PACKAGE_NAME = 'faas';

/** Handler names become file names: keep them to the characters function names use anyway. */
const HANDLER_NAME = /^[a-z0-9][a-z0-9-]*$/;

let cachedRoot: string | undefined;

/** The directory holding faas's own package.json (cached: it cannot move while we run). */
export function packageRoot(): string {
  cachedRoot ??= findPackageRoot(fileURLToPath(import.meta.url));
  return cachedRoot;
}

/** Walks up from `from` to the nearest package.json named faas. */
export function findPackageRoot(from: string): string {
  let dir = dirname(from);
  for (;;) {
    const candidate = join(dir, 'package.json');
    // Match on the name, not just existence: a stray package.json (e.g. a dist/package.json
    // written by some tool) must not be mistaken for the root.
    if (existsSync(candidate) && readPackageName(candidate) === PACKAGE_NAME) return dir;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new FaasError(
        'PackageRootNotFound',
        `cannot find the ${PACKAGE_NAME} package.json above ${from}`,
        {
          hint: 'run faas from its installed package or from a checkout of its repository',
        },
      );
    }
    dir = parent;
  }
}

function readPackageName(file: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof parsed === 'object' &&
      parsed !== null &&
      'name' in parsed &&
      typeof parsed.name === 'string'
      ? parsed.name
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `src/handlers/<name>.ts` under the package root. We always bundle the TypeScript source (never
 * dist/handlers/*.js) so that running from source and from the built CLI yields the same bytes,
 * hence the same CodeSha256 and no spurious release; the npm package ships src/handlers for this.
 */
export function handlerEntry(name: string, root: string = packageRoot()): string {
  if (!HANDLER_NAME.test(name)) {
    throw new FaasError('InvalidHandlerName', `invalid handler name '${name}'`, {
      hint: 'handler names are lower-case letters, digits and dashes, e.g. api or store',
      exitCode: 2,
    });
  }
  const entry = join(root, 'src', 'handlers', `${name}.ts`);
  if (!existsSync(entry)) {
    throw new FaasError('HandlerNotFound', `no handler source for '${name}' at ${entry}`, {
      hint: 'handlers live in src/handlers/<name>.ts; is the package installed with its src/handlers?',
    });
  }
  return entry;
}
