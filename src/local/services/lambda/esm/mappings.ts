// The event source mappings of one Lambda service: their durable store, the transitions AWS shows
// (settling after a short scaled delay) and one poller per enabled mapping, resumed after a restart.

import { AwsServiceError } from '../../../errors.js';
import type { LambdaCore } from '../core.js';
import { type MappingRecord, TRANSITIONAL } from './model.js';
import { SqsPoller } from './poller.js';
import { MappingStore } from './store.js';

/** How long a transition takes, before the clock's time factor. */
const SETTLE_MS = 250;

export class EventSourceMappings {
  readonly store: MappingStore;
  private readonly pollers = new Map<string, SqsPoller>();
  private readonly timers = new Map<string, { cancel(): void }>();
  private running = false;
  private stopped = false;

  constructor(private readonly core: LambdaCore) {
    this.store = core.cloud.persistence.register(new MappingStore());
  }

  /** After journal replay: finish interrupted transitions, resume enabled mappings. */
  start(): void {
    this.running = true;
    // Registered now, after every service's own hook, so it runs first: pollers stop before SQS does.
    this.core.cloud.onStop(() => this.stop());
    for (const m of this.store.all()) {
      if (TRANSITIONAL.has(m.state)) this.settleLater(m.uuid);
      else this.sync(m.uuid);
    }
  }

  /** Commits a new version of a mapping, then starts or stops its poller to match. */
  async save(m: MappingRecord): Promise<void> {
    await this.store.put(this.core.cloud, m);
    this.sync(m.uuid);
    if (TRANSITIONAL.has(m.state)) this.settleLater(m.uuid);
  }

  private stop(): void {
    this.stopped = true;
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
    for (const p of this.pollers.values()) p.stop();
    this.pollers.clear();
  }

  private settleLater(uuid: string): void {
    if (!this.running || this.stopped) return;
    this.timers.get(uuid)?.cancel();
    this.timers.set(
      uuid,
      this.core.cloud.clock.setTimer(() => void this.settle(uuid), SETTLE_MS),
    );
  }

  private async settle(uuid: string): Promise<void> {
    this.timers.delete(uuid);
    const m = this.store.get(uuid);
    if (this.stopped || !m || !TRANSITIONAL.has(m.state)) return;
    try {
      if (m.state === 'Deleting') await this.store.delete(this.core.cloud, uuid);
      else await this.store.put(this.core.cloud, { ...m, state: m.enabled ? 'Enabled' : 'Disabled' });
    } catch (e) {
      this.core.cloud.log(`lambda esm ${uuid}: could not record its state: ${e}`);
      return;
    }
    // Settings may have changed (concurrency): a settled mapping gets a fresh poller.
    this.pollers.get(uuid)?.stop();
    this.pollers.delete(uuid);
    this.sync(uuid);
  }

  /** Polls while the mapping is enabled; stops at once when it is being disabled or deleted. */
  private sync(uuid: string): void {
    if (!this.running || this.stopped) return;
    const m = this.store.get(uuid);
    const current = this.pollers.get(uuid);
    // An update keeps the current poller going; a mapping being created or enabled waits to settle.
    if (!m?.enabled || (m.state !== 'Enabled' && m.state !== 'Updating')) {
      current?.stop();
      this.pollers.delete(uuid);
      return;
    }
    if (current) return;
    const poller = new SqsPoller(
      {
        cloud: this.core.cloud,
        abandoned: () => this.stopped || this.core.stopping,
        mapping: () => this.store.get(uuid),
        reservedConcurrency: (mapping) => this.core.store.get(mapping.functionName)?.reservedConcurrency,
      },
      SqsPoller.workersFor(m),
    );
    this.pollers.set(uuid, poller);
    poller.start();
  }
}

// The action context's state is the LambdaCore; mappings hang off it without widening its class.
const attached = new WeakMap<LambdaCore, EventSourceMappings>();

export function attachEventSourceMappings(core: LambdaCore): EventSourceMappings {
  const mappings = new EventSourceMappings(core);
  attached.set(core, mappings);
  return mappings;
}

export function mappingsOf(core: LambdaCore): EventSourceMappings {
  const mappings = attached.get(core);
  if (!mappings)
    throw new AwsServiceError('ServiceException', 'Event source mappings are not available', 500);
  return mappings;
}
