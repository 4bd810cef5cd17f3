// The execution environments of one function version (one code sha and configuration): reuses
// warm ones, starts new ones up to the concurrency cap, queues or throttles above it, retires idle ones.

import { AwsServiceError } from '../../../errors.js';
import { Environment, type EnvironmentDeps, type InvocationRequest } from './environment.js';
import type { FunctionSpec, InvokeOutcome, RuntimeStats } from './types.js';

export type PoolDeps = Omit<EnvironmentDeps, 'onAvailable' | 'onDeath'> & {
  keepAliveMs: number;
  defaultConcurrency: number;
};

interface EnvWaiter {
  take(env: Environment): void;
  fail(error: AwsServiceError): void;
}

const shuttingDown = (): AwsServiceError =>
  new AwsServiceError('ServiceException', 'The local Lambda runtime is shutting down.', 500);

export class FunctionPool {
  private readonly envs = new Set<Environment>();
  /** Warm environments, most recently used last: reusing the warmest keeps the others retirable. */
  private idle: Environment[] = [];
  private readonly idleTimers = new Map<Environment, { cancel(): void }>();
  /** Invocations holding a concurrency slot, waiting for an environment to free up. */
  private envWaiters: EnvWaiter[] = [];
  /** Invocations waiting for a concurrency slot (no reserved concurrency: queue, don't throttle). */
  private slotWaiters: Array<{ go(): void; fail(error: AwsServiceError): void }> = [];
  private inFlight = 0;
  private draining = false;
  private stopped = false;
  private markDrained?: () => void;

  constructor(
    public spec: FunctionSpec,
    readonly fingerprint: string,
    private readonly deps: PoolDeps,
  ) {}

  private get cap(): number {
    return this.spec.reservedConcurrency ?? this.deps.defaultConcurrency;
  }

  async invoke(req: InvocationRequest): Promise<InvokeOutcome> {
    if (this.inFlight < this.cap) this.inFlight++;
    else if (this.spec.reservedConcurrency !== undefined) {
      // Sync Invoke on AWS throttles once reserved concurrency is used up; it never queues.
      throw new AwsServiceError('TooManyRequestsException', 'Rate Exceeded.', 429, {
        extra: { Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' },
      });
    } else {
      await new Promise<void>((go, fail) => this.slotWaiters.push({ go, fail }));
    }
    try {
      return await this.runOnEnvironment(req);
    } finally {
      // Hand the slot straight to the next queued invocation, or give it back.
      const next = this.slotWaiters.shift();
      if (next) next.go();
      else this.inFlight--;
    }
  }

  private runOnEnvironment(req: InvocationRequest): Promise<InvokeOutcome> {
    if (this.stopped) return Promise.reject(shuttingDown());
    const warm = this.popIdle();
    if (warm) return warm.run(req);
    // An environment that has just answered will ask for more work within microseconds: wait for
    // it rather than paying a cold start, unless enough waiters are already counting on those.
    if (this.count('finishing') > this.envWaiters.length || this.envs.size >= this.cap) {
      return new Promise((resolve, reject) =>
        this.envWaiters.push({ take: (env) => resolve(env.run(req)), fail: reject }),
      );
    }
    return this.spawn().run(req);
  }

  private spawn(): Environment {
    const env = new Environment(this.spec, {
      ...this.deps,
      onAvailable: (e) => this.onAvailable(e),
      onDeath: (e) => this.onDeath(e),
    });
    this.envs.add(env);
    void env.start();
    return env;
  }

  private popIdle(): Environment | undefined {
    for (let env = this.idle.pop(); env; env = this.idle.pop()) {
      this.idleTimers.get(env)?.cancel();
      this.idleTimers.delete(env);
      if (env.state === 'idle') return env;
    }
    return undefined;
  }

  private onAvailable(env: Environment): void {
    const waiter = this.envWaiters.shift();
    if (waiter || this.draining) {
      if (waiter) waiter.take(env);
      else void env.kill();
      return;
    }
    this.idle.push(env);
    // The clock scales this delay: tests retire idle environments in milliseconds.
    this.idleTimers.set(
      env,
      this.deps.clock.setTimer(() => {
        this.idleTimers.delete(env);
        this.idle = this.idle.filter((e) => e !== env);
        void env.kill();
      }, this.deps.keepAliveMs),
    );
  }

  private onDeath(env: Environment): void {
    this.envs.delete(env);
    this.idleTimers.get(env)?.cancel();
    this.idleTimers.delete(env);
    this.idle = this.idle.filter((e) => e !== env);
    // Waiters may have been counting on this one; start fresh environments for them.
    while (!this.stopped && this.envWaiters.length > this.count('finishing') && this.envs.size < this.cap) {
      const waiter = this.envWaiters.shift()!;
      waiter.take(this.spawn());
    }
    if (this.draining && this.idleOut()) this.markDrained?.();
  }

  private idleOut(): boolean {
    return this.envs.size === 0 && this.envWaiters.length === 0 && this.slotWaiters.length === 0;
  }

  private count(state: Environment['state']): number {
    let n = 0;
    for (const env of this.envs) if (env.state === state) n++;
    return n;
  }

  /** No new work; idle environments go now, busy ones once they answer. Resolves when all are gone. */
  drain(): Promise<void> {
    this.draining = true;
    const drained = new Promise<void>((resolve) => {
      this.markDrained = resolve;
    });
    for (const env of this.idle.splice(0)) void env.kill();
    if (this.idleOut()) this.markDrained?.();
    return drained;
  }

  /** Kills everything now: in-flight invocations end as Runtime.ExitError, queued ones are refused. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.draining = true;
    for (const w of this.slotWaiters.splice(0)) w.fail(shuttingDown());
    for (const w of this.envWaiters.splice(0)) w.fail(shuttingDown());
    await Promise.all([...this.envs].map((env) => env.kill()));
  }

  stats(): RuntimeStats['pools'][number] {
    const pids: number[] = [];
    for (const env of this.envs) if (env.pid !== undefined) pids.push(env.pid);
    return {
      functionArn: this.spec.functionArn,
      codeSha256: this.spec.codeSha256,
      environments: this.envs.size,
      starting: this.count('starting'),
      idle: this.count('idle'),
      busy: this.count('busy') + this.count('finishing'),
      inFlight: this.inFlight,
      queued: this.slotWaiters.length + this.envWaiters.length,
      pids,
    };
  }
}
