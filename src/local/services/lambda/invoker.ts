// From "invoke this name/ARN/qualifier" to a run on the engine: resolves the version (an alias's
// routing weights pick one at random per call, like AWS), checks state and throttling, and builds
// the FunctionSpec the runtime needs.

import { AwsServiceError } from '../../errors.js';
import { arnFor, type FunctionRef, isAliasName, qualifiedArn, type Where } from './arns.js';
import type { CodeStore } from './code.js';
import type { Engine } from './engine.js';
import { conflict, functionNotFound, throttled } from './errors.js';
import { type FunctionState, LATEST, type VersionState } from './model.js';
import type { FunctionSpec, InvokeOutcome } from './runtime/index.js';
import type { FunctionStore } from './store.js';

/** Invoke's request limits: 6 MB synchronous, 1 MB asynchronous (raised from 256 KB in 2025). */
export const MAX_SYNC_PAYLOAD = 6_291_456;
export const MAX_ASYNC_PAYLOAD = 1_048_576;

export interface Target {
  fn: FunctionState;
  version: VersionState;
  /** '$LATEST' or the version number that runs (X-Amz-Executed-Version). */
  executedVersion: string;
  /** The ARN as the caller named it: unqualified, or with its version/alias. */
  invokedArn: string;
  /** Whose resource policy and EventInvokeConfig apply: '$LATEST', a version or an alias. */
  qualifier: string;
}

/** Picks the version an alias sends this call to: each additional version gets its weight's share. */
function routeAlias(primary: string, weights: Record<string, number> | undefined): string {
  if (!weights) return primary;
  let r = Math.random();
  for (const [version, weight] of Object.entries(weights)) {
    if (r < weight) return version;
    r -= weight;
  }
  return primary;
}

export function resolveTarget(store: FunctionStore, where: Where, ref: FunctionRef): Target {
  const fn = store.get(ref.name);
  const invokedArn = arnFor(where, ref.name, ref.qualifier);
  if (!fn) throw functionNotFound(invokedArn);
  const qualifier = ref.qualifier ?? LATEST;
  let executed = qualifier;
  if (isAliasName(qualifier)) {
    const alias = fn.aliases[qualifier];
    if (!alias) throw functionNotFound(invokedArn);
    executed = routeAlias(alias.functionVersion, alias.weights);
  }
  const version = executed === LATEST ? fn.latest : fn.versions[executed];
  if (!version) throw functionNotFound(invokedArn);
  return { fn, version, executedVersion: executed, invokedArn, qualifier };
}

/** Lambda only takes JSON events; anything else is rejected before a function runs. */
export function parsePayload(payload: Uint8Array | undefined): Buffer {
  if (!payload || payload.length === 0) return Buffer.from('{}');
  const buffer = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  try {
    JSON.parse(buffer.toString('utf8'));
  } catch (e) {
    throw new AwsServiceError(
      'InvalidRequestContentException',
      `Could not parse request body into json: Could not parse payload into json: ${e instanceof Error ? e.message : e}`,
      400,
    );
  }
  return buffer;
}

export class Invoker {
  private readonly specs = new WeakMap<VersionState, FunctionSpec>();

  constructor(
    private readonly code: CodeStore,
    private readonly engine: Engine,
  ) {}

  /** A function that is not Active yet (or failed to become so) cannot be invoked at all. */
  checkState(target: Target): void {
    const { state } = target.version;
    if (state !== 'Active') {
      throw conflict(
        `The operation cannot be performed at this time. The function is currently in the following state: ${state}`,
      );
    }
  }

  async run(
    where: Where,
    target: Target,
    payload: Buffer,
    opts: { requestId?: string; clientContext?: string } = {},
  ): Promise<InvokeOutcome> {
    this.checkState(target);
    // Reserved concurrency 0 throttles every synchronous call.
    if (target.fn.reservedConcurrency === 0) throw throttled();
    const spec = await this.specOf(where, target);
    return this.engine.invoke(spec, payload, {
      requestId: opts.requestId,
      clientContext: opts.clientContext,
      invokedFunctionArn: target.invokedArn,
    });
  }

  /** One spec object per stored version record: the engine treats an identical object as unchanged. */
  private async specOf(where: Where, target: Target): Promise<FunctionSpec> {
    const { fn, version } = target;
    const cached = this.specs.get(version);
    if (cached) return cached;
    const codeDir = await this.code.codeDir(version.code);
    const spec: FunctionSpec = {
      functionName: fn.name,
      qualifier: target.executedVersion,
      functionArn: qualifiedArn(where, fn.name, target.executedVersion),
      codeSha256: version.code.sha256,
      codeDir,
      handler: version.handler ?? '',
      runtime: version.runtime ?? '',
      memorySize: version.memorySize,
      timeout: version.timeout,
      environment: { ...version.environment },
      logGroupName: version.loggingConfig.LogGroup,
      reservedConcurrency: fn.reservedConcurrency,
    };
    this.specs.set(version, spec);
    return spec;
  }
}
