// The Lambda execution engine's front door: routes each invocation to the pool of its function
// version (qualified ARN + code sha), replacing a pool when the version's configuration changes.

import { randomUUID } from 'node:crypto';
import { type Clock, systemClock } from '../../../clock.js';
import { AwsServiceError } from '../../../errors.js';
import { resolveBootstrapPath } from './bootstrapPath.js';
import { FunctionPool, type PoolDeps } from './pool.js';
import type { FunctionSpec, InvokeOptions, InvokeOutcome, LogSink, RuntimeStats } from './types.js';

export interface LambdaRuntimeOptions {
  /** The local cloud's endpoint, handed to functions as AWS_ENDPOINT_URL. */
  endpoint: string;
  region: string;
  accountId: string;
  onLog: LogSink;
  /** How long an idle environment stays warm (default 5 min); an internal delay, so scaled. */
  keepAliveMs?: number;
  /** Environments per function version without reserved concurrency (default 10). */
  defaultConcurrency?: number;
  /**
   * The local cloud's clock: wall time, and the time factor that scales internal delays
   * (keep-alive, log barrier). Function and Init timeouts are never scaled.
   */
  clock?: Clock;
  /** Without a clock: the time factor of the system clock built for this runtime (default 1). */
  timeFactor?: number;
  /** Overrides the clock's wall time (log timestamps, deadlines). */
  now?: () => number;
  /** Lambda's Init-phase limit (default 10 s). */
  initTimeoutMs?: number;
  /** Extra NODE_PATH entries (e.g. node_modules standing in for the runtime's bundled SDK). */
  nodePath?: string[];
  /** Dummy credentials functions get; any value the local cloud accepts. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  /** Use this bootstrap instead of resolveBootstrapPath(). */
  bootstrapPath?: string;
}

const DEFAULT_CREDENTIALS = {
  accessKeyId: 'ASIAFAASLOCALLAMBDA0',
  secretAccessKey: 'faas-local-lambda-secret-access-key',
  sessionToken: 'faas-local-lambda-session-token',
};

/** The configuration an environment is built from; a change means fresh environments. */
const fingerprintOf = (s: FunctionSpec): string =>
  JSON.stringify([
    s.functionName,
    s.qualifier,
    s.codeDir,
    s.handler,
    s.runtime,
    s.memorySize,
    s.timeout,
    s.logGroupName,
    Object.entries(s.environment).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  ]);

export class LambdaRuntime {
  private readonly pools = new Map<string, FunctionPool>();
  private readonly retiring = new Set<FunctionPool>();
  private readonly clock: Clock;
  private bootstrapPath?: string;
  private stopped = false;

  constructor(private readonly opts: LambdaRuntimeOptions) {
    const base = opts.clock ?? systemClock(opts.timeFactor ?? 1);
    this.clock = opts.now ? { ...base, now: opts.now } : base;
    this.bootstrapPath = opts.bootstrapPath;
  }

  /** Runs one synchronous invocation. Throws only AwsServiceError (429 throttling, shutdown). */
  async invoke(spec: FunctionSpec, payload: Buffer, opts: InvokeOptions = {}): Promise<InvokeOutcome> {
    if (this.stopped)
      throw new AwsServiceError('ServiceException', 'The local Lambda runtime is shutting down.', 500);
    this.bootstrapPath ??= await resolveBootstrapPath();
    return this.poolFor(spec).invoke({
      requestId: opts.requestId ?? randomUUID(),
      payload,
      invokedFunctionArn: opts.invokedFunctionArn ?? spec.functionArn,
      clientContext: opts.clientContext,
    });
  }

  /**
   * Retires the environments of every version whose qualified ARN is `functionArnPrefix` or starts
   * with it followed by ':' (an unqualified ARN covers all versions). Idle environments stop now,
   * busy ones after answering; resolves when all are gone, so callers need not wait for it.
   */
  async retire(functionArnPrefix: string): Promise<void> {
    const drains: Promise<void>[] = [];
    for (const [key, pool] of this.pools) {
      const arn = pool.spec.functionArn;
      if (arn === functionArnPrefix || arn.startsWith(`${functionArnPrefix}:`)) {
        this.pools.delete(key);
        drains.push(this.retirePool(pool));
      }
    }
    await Promise.all(drains);
  }

  /** Kills every environment; pending invocations end as Runtime.ExitError or ServiceException. */
  async stop(): Promise<void> {
    this.stopped = true;
    const pools = [...this.pools.values(), ...this.retiring];
    this.pools.clear();
    this.retiring.clear();
    await Promise.all(pools.map((pool) => pool.stop()));
  }

  stats(): RuntimeStats {
    const pools = [...this.pools.values(), ...this.retiring].map((pool) => pool.stats());
    return { environments: pools.reduce((n, p) => n + p.environments, 0), pools };
  }

  private poolFor(spec: FunctionSpec): FunctionPool {
    const key = `${spec.functionArn}\n${spec.codeSha256}`;
    const pool = this.pools.get(key);
    // Same object as last time (the control plane caches specs): nothing can have changed.
    if (pool && pool.spec === spec) return pool;
    const fingerprint = fingerprintOf(spec);
    if (pool && pool.fingerprint === fingerprint) {
      pool.spec = spec; // reserved concurrency may have moved; it only changes the cap
      return pool;
    }
    if (pool) void this.retirePool(pool);
    const fresh = new FunctionPool(spec, fingerprint, this.poolDeps());
    this.pools.set(key, fresh);
    return fresh;
  }

  private retirePool(pool: FunctionPool): Promise<void> {
    this.retiring.add(pool);
    return pool.drain().then(() => {
      this.retiring.delete(pool);
    });
  }

  private poolDeps(): PoolDeps {
    const o = this.opts;
    return {
      clock: this.clock,
      region: o.region,
      endpoint: o.endpoint,
      bootstrapPath: this.bootstrapPath!,
      credentials: o.credentials ?? DEFAULT_CREDENTIALS,
      nodePath: o.nodePath,
      initTimeoutMs: o.initTimeoutMs ?? 10_000,
      onLog: o.onLog,
      keepAliveMs: o.keepAliveMs ?? 300_000,
      defaultConcurrency: o.defaultConcurrency ?? 10,
    };
  }
}
