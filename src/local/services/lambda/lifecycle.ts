// Lambda's asynchronous state machine: a new function or version is Pending and an updated $LATEST
// is InProgress until its package is unpacked (plus a short scaled delay), then Active/Successful,
// so SDK waiters (FunctionActiveV2, FunctionUpdatedV2, PublishedVersionActive) work unchanged.

import { randomUUID } from 'node:crypto';
import type { Cloud } from '../../cloud.js';
import type { CodeStore } from './code.js';
import { type FunctionState, LATEST, type VersionState } from './model.js';
import type { FunctionStore } from './store.js';

/** How long a create or update takes at least, before the clock's time factor. */
const SETTLE_MS = 250;

export const versionOf = (fn: FunctionState, version: string): VersionState | undefined =>
  version === LATEST ? fn.latest : fn.versions[version];

const unsettled = (v: VersionState): boolean => v.state === 'Pending' || v.lastUpdateStatus === 'InProgress';

/** The state fields of a version that is being created. */
export function pending(v: VersionState): void {
  v.state = 'Pending';
  v.stateReason = 'The function is being created.';
  v.stateReasonCode = 'Creating';
  v.lastUpdateStatus = undefined;
  v.lastUpdateStatusReason = undefined;
  v.lastUpdateStatusReasonCode = undefined;
}

/** The state fields of $LATEST while an update is applied (State stays Active). */
export function inProgress(v: VersionState): void {
  v.lastUpdateStatus = 'InProgress';
  v.lastUpdateStatusReason = 'The function is being created.';
  v.lastUpdateStatusReasonCode = 'Creating';
}

export class Lifecycle {
  private stopped = false;

  constructor(
    private readonly cloud: Cloud,
    private readonly store: FunctionStore,
    private readonly code: CodeStore,
  ) {}

  /** Settles `version` of `name` once its code is ready; call after committing the Pending/InProgress state. */
  schedule(name: string, version: string): void {
    const v = this.current(name, version);
    if (!v) return;
    const sha = v.code.sha256;
    const ready = Promise.all([this.code.codeDir(v.code), this.cloud.clock.sleep(SETTLE_MS)]);
    ready.then(
      () => this.settle(name, version, sha, undefined),
      (e: unknown) => this.settle(name, version, sha, e instanceof Error ? e.message : String(e)),
    );
  }

  /** After a restart: whatever a crash left Pending or InProgress settles again. */
  recover(): void {
    for (const fn of this.store.all()) {
      if (unsettled(fn.latest)) this.schedule(fn.name, LATEST);
      for (const v of Object.values(fn.versions)) if (unsettled(v)) this.schedule(fn.name, v.version);
    }
  }

  stop(): void {
    this.stopped = true;
  }

  private current(name: string, version: string): VersionState | undefined {
    const fn = this.store.get(name);
    return fn ? versionOf(fn, version) : undefined;
  }

  private async settle(
    name: string,
    version: string,
    sha: string,
    failure: string | undefined,
  ): Promise<void> {
    const fn = this.store.get(name);
    const v = fn && versionOf(fn, version);
    // Deleted, replaced, or already settled meanwhile: nothing to do.
    if (this.stopped || !fn || !v || v.code.sha256 !== sha || !unsettled(v)) return;
    const draft = this.store.draft(fn);
    const d = versionOf(draft, version)!;
    if (!failure) {
      // A good package also revives a function whose first package could not be unpacked.
      d.state = 'Active';
      d.stateReason = undefined;
      d.stateReasonCode = undefined;
    } else if (d.state === 'Pending') {
      d.state = 'Failed';
      d.stateReason = failure;
      d.stateReasonCode = 'InvalidZipFileException';
    }
    d.lastUpdateStatus = failure ? 'Failed' : 'Successful';
    d.lastUpdateStatusReason = failure;
    d.lastUpdateStatusReasonCode = failure ? 'InvalidZipFileException' : undefined;
    // AWS hands out a new RevisionId once the function has settled.
    d.revisionId = randomUUID();
    try {
      await this.store.put(this.cloud, draft);
    } catch (e) {
      this.cloud.log(`lambda: could not record the state of ${name}:${version}: ${e}`);
    }
  }
}
