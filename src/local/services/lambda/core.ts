// The Lambda service's state as actions see it (ctx.state): the function store and the parts that
// act on it — code storage, the state machine, the engine and the async queue.

import type { Cloud } from '../../cloud.js';
import { functionArn, type Where } from './arns.js';
import { AsyncQueue } from './asyncQueue.js';
import { CodeStore } from './code.js';
import { Engine } from './engine.js';
import { functionNotFound } from './errors.js';
import { Invoker, type Target } from './invoker.js';
import { Lifecycle } from './lifecycle.js';
import { type FunctionState, LATEST } from './model.js';
import { FunctionStore } from './store.js';

export class LambdaCore {
  readonly store: FunctionStore;
  readonly queue: AsyncQueue;
  readonly code: CodeStore;
  readonly lifecycle: Lifecycle;
  readonly engine: Engine;
  readonly invoker: Invoker;
  /** Set when the cloud stops: in-flight async events are left on disk to run after a restart. */
  stopping = false;

  constructor(readonly cloud: Cloud) {
    this.store = cloud.persistence.register(new FunctionStore());
    this.queue = cloud.persistence.register(new AsyncQueue(cloud));
    this.code = new CodeStore(cloud);
    this.lifecycle = new Lifecycle(cloud, this.store, this.code);
    this.engine = new Engine(cloud);
    this.invoker = new Invoker(this.code, this.engine);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.queue.stop();
    this.lifecycle.stop();
    await this.engine.stop();
  }

  /** The cloud's own region and account, for in-process callers. */
  get home(): Where {
    return { region: this.cloud.region, accountId: this.cloud.accountId };
  }

  /** Bytes of code kept for every function and version (the 75 GB quota). */
  storedBytes(): number {
    const seen = new Map<string, number>();
    for (const fn of this.store.all()) {
      for (const v of [fn.latest, ...Object.values(fn.versions)]) seen.set(v.code.sha256, v.code.size);
    }
    let total = 0;
    for (const size of seen.values()) total += size;
    return total;
  }

  /** Reclaims zips nothing references any more (after a function or version is deleted). */
  collectCode(): void {
    const referenced = new Set<string>();
    for (const fn of this.store.all()) {
      for (const v of [fn.latest, ...Object.values(fn.versions)]) referenced.add(v.code.sha256);
    }
    void this.code.collect(referenced).catch((e) => this.cloud.log(`lambda: code cleanup failed: ${e}`));
  }

  /** Accepts an asynchronous event durably (the 1 MB limit is the caller's to check). */
  async enqueueEvent(target: Target, payload: Buffer, requestId: string, chain?: number): Promise<void> {
    this.invoker.checkState(target);
    const now = this.cloud.clock.now();
    await this.queue.enqueue({
      id: requestId,
      functionName: target.fn.name,
      qualifier:
        target.qualifier === LATEST && !target.invokedArn.endsWith(`:${LATEST}`)
          ? undefined
          : target.qualifier,
      payload: payload.toString('base64'),
      acceptedAt: now,
      attempts: 0,
      throttles: 0,
      dueAt: now,
      ...(chain ? { chain } : {}),
    });
  }

  /** Fetches a function or throws AWS's "Function not found" for the unqualified ARN. */
  requireFunction(where: Where, name: string): FunctionState {
    const fn = this.store.get(name);
    if (!fn) throw functionNotFound(functionArn(where, name));
    return fn;
  }
}
