// The seam with src/release: the function reconciler deploys whatever zip an ArtifactSource
// returns. src/release implements it (esbuild bundle → deterministic zip); tests pass fixed bytes.
import { createHash } from 'node:crypto';
import type { Architecture, Runtime } from '../config/schema.js';
import type { DesiredState } from '../pipeline/types.js';

export interface Artifact {
  zip: Uint8Array;
  /** Base64 SHA-256 of `zip`: the same encoding as Lambda's CodeSha256, so they compare directly. */
  sha256: string;
}

/** What to build: the handler of `flow`/`function`, exported as `handler` from index.mjs. */
export interface ArtifactRequest {
  functionName: string;
  flow: string;
  function: string;
  handler: string;
  runtime: Runtime;
  architecture: Architecture;
}

export interface ArtifactSource {
  build(request: ArtifactRequest): Promise<Artifact>;
}

export const sha256Base64 = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('base64');

/** Builds every function's artifact before planning (local work, no AWS call). */
export async function collectArtifacts(
  state: DesiredState,
  source: ArtifactSource,
): Promise<Map<string, Artifact>> {
  const functions = state.resources.flatMap((r) => (r.kind === 'function' ? [r.spec] : []));
  const built = await Promise.all(
    functions.map((fn) =>
      source.build({
        functionName: fn.name,
        flow: fn.source.flow,
        function: fn.source.function,
        handler: fn.handler,
        runtime: fn.runtime,
        architecture: fn.architecture,
      }),
    ),
  );
  return new Map(functions.map((fn, i) => [fn.name, built[i]!]));
}
