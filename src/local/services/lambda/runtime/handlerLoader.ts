// Child side: turns `_HANDLER` (`file.export`, `dir/file.export`, `file.nested.export`) into the
// user's function, resolving files the way the AWS Node runtime does (CJS, ESM, package.json "type").

import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RuntimeError } from './bootstrapLog.js';

export type UserHandler = (event: unknown, context: unknown, callback: unknown) => unknown;

/** Splits `dir/sub/file.a.b` into the module root, module name and export path, or throws like AWS. */
export function parseHandler(fullHandler: string): {
  moduleRoot: string;
  moduleName: string;
  exportPath: string;
} {
  if (fullHandler.includes('..')) {
    throw new RuntimeError(
      'Runtime.MalformedHandlerName',
      `'${fullHandler}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const base = path.basename(fullHandler);
  const match = /^([^.]*)\.(.*)$/.exec(base);
  if (!match) throw new RuntimeError('Runtime.MalformedHandlerName', 'Bad handler');
  return {
    moduleRoot: fullHandler.slice(0, fullHandler.length - base.length),
    moduleName: match[1]!,
    exportPath: match[2]!,
  };
}

const isFile = (file: string): boolean => existsSync(file) && statSync(file).isFile();

/**
 * Whether `.js` next to `file` is ESM: the nearest package.json decides, as in Node. The search
 * stops at the task root, the way /var/task has no parents with a package.json on AWS.
 */
function jsIsModule(file: string, appRoot: string): boolean {
  let dir = path.dirname(file);
  for (;;) {
    if (dir.endsWith(`${path.sep}node_modules`)) return false;
    const pj = path.join(dir, 'package.json');
    if (existsSync(pj)) {
      try {
        return (JSON.parse(readFileSync(pj, 'utf8')) as { type?: unknown }).type === 'module';
      } catch {
        console.warn(`${pj} cannot be read, it will be ignored for ES module detection purposes.`);
        return false;
      }
    }
    const parent = path.dirname(dir);
    if (dir === appRoot || parent === dir) return false;
    dir = parent;
  }
}

async function loadModule(appRoot: string, moduleRoot: string, moduleName: string): Promise<unknown> {
  const requireFrom = createRequire(path.join(appRoot, 'noop.js'));
  const importFile = (file: string): Promise<unknown> => import(pathToFileURL(file).href);
  const base = path.resolve(appRoot, moduleRoot, moduleName);
  // Same order as AWS: extensionless (CJS), .js (CJS unless "type": "module"), .mjs, .cjs, then
  // plain Node resolution from the task root (a package name as the handler's module).
  if (isFile(base)) return requireFrom(base);
  if (isFile(`${base}.js`)) {
    return jsIsModule(`${base}.js`, appRoot) ? importFile(`${base}.js`) : requireFrom(`${base}.js`);
  }
  if (isFile(`${base}.mjs`)) return importFile(`${base}.mjs`);
  if (isFile(`${base}.cjs`)) return requireFrom(`${base}.cjs`);
  return requireFrom(
    requireFrom.resolve(moduleName, { paths: [appRoot, path.resolve(appRoot, moduleRoot)] }),
  );
}

export async function loadHandler(appRoot: string, fullHandler: string): Promise<UserHandler> {
  const { moduleRoot, moduleName, exportPath } = parseHandler(fullHandler);
  let loaded: unknown;
  try {
    loaded = await loadModule(appRoot, moduleRoot, moduleName);
  } catch (error) {
    if (error instanceof SyntaxError) throw new RuntimeError('Runtime.UserCodeSyntaxError', String(error));
    const code = (error as { code?: unknown } | null)?.code;
    // ESM reports a missing file or package as ERR_MODULE_NOT_FOUND, CJS as MODULE_NOT_FOUND.
    if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') {
      throw new RuntimeError('Runtime.ImportModuleError', String(error));
    }
    throw error;
  }
  const handler = exportPath
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], loaded);
  if (!handler)
    throw new RuntimeError('Runtime.HandlerNotFound', `${fullHandler} is undefined or not exported`);
  if (typeof handler !== 'function') {
    throw new RuntimeError('Runtime.HandlerNotFound', `${fullHandler} is not a function`);
  }
  return handler as UserHandler;
}
