// Bundles one Lambda handler with esbuild into a single minified ES module plus its source map,
// dependencies (the AWS SDK v3 included) inlined, so the zip that runs locally is the zip AWS runs.

import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { type BuildFailure, build, type Message, type Metafile } from 'esbuild';
import { FaasError } from '../errors.js';
import { packageRoot } from './paths.js';

/**
 * ESM with the `.mjs` extension. Lambda's nodejs22.x runtime loads `index.js` as CommonJS unless
 * the nearest package.json says `"type": "module"` — and that nearest package.json differs between
 * AWS (/var/task, none) and the local cloud (an unzip dir under this project, whose package.json
 * IS type module). `.mjs` is ESM everywhere, so the same bytes load the same way in both places;
 * ESM also allows top-level await for init-time secret fetches, and the SDK's ESM build
 * tree-shakes better than its CommonJS one.
 */
export const HANDLER_FILE = 'index.mjs';
export const SOURCE_MAP_FILE = `${HANDLER_FILE}.map`;
/** The `Handler` setting for every function built here: file `index`, export `handler`. */
export const LAMBDA_HANDLER = 'index.handler';
export const LAMBDA_RUNTIME = 'nodejs22.x';

/**
 * Bundled CommonJS dependencies still call `require('node:crypto')` etc.; in an ES module esbuild
 * turns those into a shim that throws "Dynamic require is not supported" unless a real `require`
 * exists. The alias avoids clashing with any bundled top-level `createRequire`.
 */
const ESM_REQUIRE_BANNER =
  "import{createRequire as __faasCreateRequire}from'node:module';const require=__faasCreateRequire(import.meta.url);";

/**
 * Optional native add-ons that a bundled package only requires inside a try/catch, on a path we
 * never take: pg loads `pg-native` only if `pg.native` is read. They stay external (esbuild cannot
 * bundle a compiled add-on) and the bundle still loads and runs without them.
 */
const OPTIONAL_NATIVE = ['pg-native'];

export interface BundleOptions {
  /**
   * Directory the bundle is laid out from: source-map `sources` are relative to it and it is
   * where node_modules is resolved. Defaults to the faas package root.
   */
  root?: string;
  /** Embed the original sources in the map. Off by default: file:line mappings suffice. */
  sourcesContent?: boolean;
}

export interface Bundle {
  code: Uint8Array;
  map: Uint8Array;
  /** Every source file that went into the bundle, relative to the root (the build cache's key). */
  inputs: string[];
}

export async function bundleHandler(entry: string, opts: BundleOptions = {}): Promise<Bundle> {
  const root = opts.root ?? packageRoot();
  try {
    const result = await build({
      entryPoints: [entry],
      absWorkingDir: root,
      // Never written: a virtual path at the root makes the map's `sources` root-relative
      // (`src/handlers/api.ts`, `node_modules/...`) — no absolute path of this machine leaks in.
      outfile: join(root, HANDLER_FILE),
      write: false,
      bundle: true,
      minify: true,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      banner: { js: ESM_REQUIRE_BANNER },
      // Prefer each package's ES build: smaller after tree-shaking (roughly a third less for the SDK).
      mainFields: ['module', 'main'],
      // Nothing external (but OPTIONAL_NATIVE): the runtime's preinstalled SDK is a different
      // version from what we test.
      external: OPTIONAL_NATIVE,
      // External: no sourceMappingURL comment, because the map does not ship in the zip (see
      // artifact.ts); it is returned for the CLI to keep next to the artifact.
      sourcemap: 'external',
      sourcesContent: opts.sourcesContent ?? false,
      legalComments: 'none',
      charset: 'utf8',
      metafile: true,
      logLevel: 'silent',
    });
    const leftOut = externalPackages(result.metafile.outputs);
    if (leftOut.length > 0) {
      throw new FaasError(
        'BundleFailed',
        `${relative(root, entry)} would load ${leftOut.join(', ')} at run time`,
        {
          hint: 'every dependency must be bundled so the zip is self-contained',
        },
      );
    }
    const code = result.outputFiles.find((f) => f.path.endsWith(HANDLER_FILE));
    const map = result.outputFiles.find((f) => f.path.endsWith(SOURCE_MAP_FILE));
    if (code === undefined || map === undefined) {
      throw new FaasError('BundleFailed', `esbuild produced no ${HANDLER_FILE} for ${relative(root, entry)}`);
    }
    return { code: code.contents, map: map.contents, inputs: Object.keys(result.metafile.inputs).sort() };
  } catch (err) {
    if (err instanceof FaasError) throw err;
    throw new FaasError(
      'BundleFailed',
      `cannot bundle ${relative(root, entry)}: ${describeBuildError(err)}`,
      {
        cause: err,
        hint: 'fix the reported source error; `npx tsc --noEmit` shows type errors too',
      },
    );
  }
}

/** Imports esbuild left outside the bundle that are not Node built-ins (it should leave none). */
function externalPackages(outputs: Metafile['outputs']): string[] {
  const builtins = new Set([...builtinModules, ...OPTIONAL_NATIVE]);
  const found = new Set<string>();
  for (const output of Object.values(outputs)) {
    for (const imported of output.imports) {
      const bare = imported.path.replace(/^node:/, '');
      if (imported.external && !builtins.has(bare)) found.add(imported.path);
    }
  }
  return [...found].sort();
}

function describeBuildError(err: unknown): string {
  const errors = (err as Partial<BuildFailure>).errors;
  if (Array.isArray(errors) && errors.length > 0) return errors.map(formatMessage).join('; ');
  return err instanceof Error ? err.message : String(err);
}

function formatMessage(message: Message): string {
  const at = message.location ? `${message.location.file}:${message.location.line}: ` : '';
  return `${at}${message.text}`;
}
