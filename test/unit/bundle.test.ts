// Bundling the real handlers: one ES module with everything inlined, deterministic, no absolute
// paths, root-relative source-map sources; the zip loads as Lambda would load it.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { FaasError } from '../../src/errors.js';
import { buildFunctionArtifact } from '../../src/release/artifact.js';
import { bundleHandler, HANDLER_FILE } from '../../src/release/bundle.js';
import { findPackageRoot, handlerEntry, packageRoot } from '../../src/release/paths.js';
import { bridgeEvent, context, httpEvent } from '../fixtures/handlerFakes.js';

const root = packageRoot();
const dec = new TextDecoder();
const tmpDirs: string[] = [];

afterAll(async () => {
  delete process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'];
  for (const dir of tmpDirs) await rm(dir, { recursive: true, force: true });
});

describe('packageRoot / handlerEntry', () => {
  it('finds the same root from src/ and from dist/', () => {
    expect(findPackageRoot(join(root, 'src', 'release', 'paths.ts'))).toBe(root);
    expect(findPackageRoot(join(root, 'dist', 'release', 'paths.js'))).toBe(root);
  });

  it('resolves handlers to their TypeScript source', () => {
    expect(handlerEntry('api')).toBe(join(root, 'src', 'handlers', 'api.ts'));
  });

  it('rejects bad and unknown handler names', () => {
    expect(() => handlerEntry('../errors')).toThrow("invalid handler name '../errors'");
    let err: unknown;
    try {
      handlerEntry('nope');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FaasError);
    expect((err as FaasError).code).toBe('HandlerNotFound');
  });
});

describe.each(['api', 'store'])('bundleHandler(%s)', (name) => {
  it('is deterministic, minified, and leaks no absolute path', async () => {
    const a = await bundleHandler(handlerEntry(name));
    const b = await bundleHandler(handlerEntry(name));
    expect(Buffer.from(a.code).equals(Buffer.from(b.code))).toBe(true);
    expect(Buffer.from(a.map).equals(Buffer.from(b.map))).toBe(true);

    const code = dec.decode(a.code);
    expect(code).not.toContain(root);
    expect(code).not.toContain('sourceMappingURL');
    // Everything is inlined: the only module imports left are Node built-ins.
    const specifiers = [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)["']([^"']+)["']/g)].map(
      (m) => m[1]!,
    );
    expect(specifiers.length).toBeGreaterThan(0);
    const builtins = new Set(builtinModules);
    expect(specifiers.filter((s) => !builtins.has(s.replace(/^node:/, '')))).toEqual([]);
    // Minified: internal names are shortened (only the entry's exports keep theirs).
    expect(code).not.toContain(name === 'api' ? 'checkPutResult' : 'isPreconditionFailed');
    expect(code).toMatch(/export\{[^}]*\bhandler\b/);
  });

  it('writes a source map whose sources are relative to the package root', async () => {
    const { map } = await bundleHandler(handlerEntry(name));
    const parsed = JSON.parse(dec.decode(map)) as { sources: string[]; sourcesContent?: unknown };
    expect(parsed.sources).toContain(`src/handlers/${name}.ts`);
    expect(parsed.sources.some((s) => s.startsWith('node_modules/@aws-sdk/'))).toBe(true);
    for (const source of parsed.sources) {
      expect(source.startsWith('/') || source.startsWith('file:') || source.includes(root)).toBe(false);
    }
    expect(parsed.sourcesContent).toBeUndefined();
    expect(dec.decode(map)).not.toContain(root);
  });
});

describe.each(['api', 'store'])('buildFunctionArtifact(%s)', (name) => {
  it('zips index.mjs alone, reproducibly, and the zipped module loads and runs', async () => {
    const artifact = await buildFunctionArtifact(name, { cache: false });
    const again = await buildFunctionArtifact(name, { cache: false });
    expect(again.sha256).toBe(artifact.sha256);
    expect(artifact.size).toBe(artifact.zip.byteLength);
    console.log(`${name}: zip ${(artifact.size / 1024).toFixed(1)} KB (sha256 ${artifact.sha256})`);

    const files = unzipSync(artifact.zip);
    expect(Object.keys(files)).toEqual([HANDLER_FILE]);

    // Load it the way the Lambda runtime does for an .mjs handler: import the file, take `handler`.
    // Module init creates the SDK clients and the logger; no network is touched.
    const dir = await mkdtemp(join(tmpdir(), `faas-bundle-${name}-`));
    tmpDirs.push(dir);
    const file = join(dir, HANDLER_FILE);
    await writeFile(file, files[HANDLER_FILE]!);
    // The bundled SDK warns once about Node < 22 when a client is created; the test runs on 20.
    process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
    const mod = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { handler?: unknown };
    expect(typeof mod.handler).toBe('function');

    // Run the bundled code on inputs that need no AWS call.
    const invoke = mod.handler as (event: unknown, ctx: typeof context) => Promise<unknown>;
    if (name === 'api') {
      process.env['TOKEN'] = 'bundle-test-token';
      process.env['BUS_NAME'] = 'bus';
      const res = (await invoke(
        httpEvent({ headers: { 'content-type': 'application/json' }, body: '{}' }),
        context,
      )) as {
        statusCode: number;
        body: string;
      };
      delete process.env['TOKEN'];
      delete process.env['BUS_NAME'];
      expect(res.statusCode).toBe(401);
      expect(JSON.parse(res.body)).toEqual({
        error: { code: 'Unauthorized', message: 'missing token header' },
      });
    } else {
      delete process.env['BUCKET_NAME'];
      await expect(invoke(bridgeEvent({ id: 'x' }), context)).rejects.toMatchObject({
        name: 'ConfigurationError',
        message: 'BUCKET_NAME is not set',
      });
    }
  });
});

it('reports a bundling failure as a FaasError naming the file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'faas-bundle-bad-'));
  tmpDirs.push(dir);
  const entry = join(dir, 'bad.ts');
  await writeFile(entry, 'import { x } from "./missing.js";\nexport const handler = x;\n');
  const err = await bundleHandler(entry, { root: dir }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(FaasError);
  expect((err as FaasError).code).toBe('BundleFailed');
  expect((err as FaasError).message).toContain('bad.ts');
  expect((err as FaasError).message).toContain('Could not resolve "./missing.js"');
});
