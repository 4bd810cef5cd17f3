// Source to release artifact: src/handlers/<name>.ts → esbuild bundle → deterministic zip → hash.

import { bundleHandler, HANDLER_FILE } from './bundle.js';
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
export async function buildFunctionArtifact(functionName: string): Promise<FunctionArtifact> {
  const root = packageRoot();
  const { code, map } = await bundleHandler(handlerEntry(functionName, root), { root });
  const zip = await deterministicZip([{ name: HANDLER_FILE, data: code }]);
  return { zip, sha256: sha256Base64(zip), size: zip.byteLength, map };
}
