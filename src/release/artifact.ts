// Source to release artifact: src/handlers/<name>.ts → esbuild bundle → deterministic zip → hash.

import { bundleHandler, HANDLER_FILE } from './bundle.js';
import { readCachedArtifact, writeCachedArtifact } from './cache.js';
import { handlerEntry, packageRoot } from './paths.js';
import { deterministicZip, sha256Base64 } from './zip.js';

export interface FunctionArtifact {
  zip: Uint8Array;
  /** Base64 SHA-256 of `zip`, comparable with Lambda's CodeSha256. */
  sha256: string;
  size: number;
  /** Source map of the zip's index.mjs (sources root-relative), to decode Lambda stack traces. */
  map: Uint8Array;
}

/**
 * The zip holds `index.mjs` only. Its source map would more than double the zip (api: 105 KB →
 * 241 KB, store: 140 KB → 322 KB) and Lambda only uses it with --enable-source-maps, so the map
 * is returned for the caller to keep beside the artifact instead of being deployed.
 */
export async function buildFunctionArtifact(
  functionName: string,
  options: { cache?: boolean } = {},
): Promise<FunctionArtifact> {
  const root = packageRoot();
  const entry = handlerEntry(functionName, root);
  const useCache = options.cache ?? true;
  const cached = useCache ? await readCachedArtifact(root, functionName) : undefined;
  if (cached) return { ...cached, size: cached.zip.byteLength };
  const { code, map, inputs } = await bundleHandler(entry, { root });
  const zip = await deterministicZip([{ name: HANDLER_FILE, data: code }]);
  const artifact = { zip, sha256: sha256Base64(zip), size: zip.byteLength, map };
  if (useCache) await writeCachedArtifact(root, functionName, inputs, artifact);
  return artifact;
}
