// Event delivery: accept entries (and scheduled rules' firings) durably, match them against the bus's
// enabled rules, hand each target its (transformed) payload, retry what is transient per the
// target's RetryPolicy, journal `delivered` once every target is done, and replay the rest on start.

import { randomUUID } from 'node:crypto';
import type { PutEventsRequestEntry, PutEventsResultEntry, Target } from '@aws-sdk/client-eventbridge';
import type { Cloud } from '../../cloud.js';
import { renderTargetInput } from '../../engines/targetInput.js';
import { AwsServiceError } from '../../errors.js';
import { busNotFound, busRef, parseBusArn } from './arns.js';
import { buildEnvelope, type EventEnvelope, entryError, eventTime } from './envelope.js';
import type { AcceptedEvent, PendingEvents } from './pending.js';
import type { EventsStore, RuleRecord } from './store.js';
import { inputConfig, targetKindFor } from './targets/index.js';

export interface RuleStats {
  /** Events the rule's pattern matched. */
  matched: number;
  /** Target deliveries handed over. */
  delivered: number;
  /** Target deliveries given up (missing target, no permission, retries exhausted, unsupported kind). */
  failed: number;
  /** Transient failures that were retried. */
  retried: number;
}

export interface DeliveryCounters {
  accepted: number;
  /** Scheduled Events fired by scheduled rules that had targets. */
  scheduled: number;
  /** Events put to a bus that does not exist: AWS answers with an EventId and drops them. */
  dropped: number;
}

// AWS's defaults for a target without RetryPolicy: 185 attempts over 24 hours.
const DEFAULT_RETRY_ATTEMPTS = 185;
const DEFAULT_MAX_AGE_S = 86_400;
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 60_000;
// A local safeguard against bus → bus loops (a rule forwarding to its own bus).
const MAX_HOPS = 5;
const TRANSIENT = new Set(['ThrottlingException', 'TooManyRequestsException', 'ServiceUnavailable']);

const isTransient = (e: unknown): boolean =>
  e instanceof AwsServiceError && (e.status >= 500 || TRANSIENT.has(e.code));

const describe = (e: unknown): string =>
  e instanceof AwsServiceError ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e);

export class Delivery {
  readonly counters: DeliveryCounters = { accepted: 0, scheduled: 0, dropped: 0 };
  private readonly stats = new Map<string, RuleStats>();
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly sleepers = new Set<{ cancel(): void; wake(): void }>();
  private idleWaiters: (() => void)[] = [];
  private stopped = false;

  constructor(
    private readonly cloud: Cloud,
    private readonly store: EventsStore,
    private readonly pending: PendingEvents,
  ) {}

  /** PutEvents: per-entry results in order; accepted events are on disk before this resolves. */
  async accept(entries: PutEventsRequestEntry[], region: string): Promise<PutEventsResultEntry[]> {
    const now = this.cloud.clock.now();
    const results: PutEventsResultEntry[] = [];
    const records: { record: AcceptedEvent; rules: RuleRecord[] }[] = [];
    for (const entry of entries) {
      const error = entryError(entry);
      if (error) {
        results.push(error);
        continue;
      }
      const id = randomUUID();
      results.push({ EventId: id });
      this.counters.accepted++;
      const ref = busRef(entry.EventBusName, region);
      const foreign =
        entry.EventBusName?.startsWith('arn:') && !entry.EventBusName.includes(`:${this.cloud.accountId}:`);
      const bus = foreign ? undefined : this.store.bus(ref.region, ref.name);
      if (!bus) {
        this.counters.dropped++;
        this.cloud.log(`events: event ${id} dropped: event bus ${ref.name} does not exist`);
        continue;
      }
      const event = buildEnvelope(entry, id, this.cloud.accountId, region, now);
      const rules = this.matchingRules(bus.arn, event);
      // Nothing matches: nothing to deliver, so nothing to journal.
      if (rules.length === 0) continue;
      records.push({
        record: { key: randomUUID(), busArn: bus.arn, event, acceptedAt: now, hops: 0 },
        rules,
      });
    }
    if (records.length > 0) {
      await this.cloud.persistence.commit('events-delivery', 'accepted', {
        records: records.map((r) => r.record),
      });
      for (const { record, rules } of records) this.dispatch(record, rules);
    }
    return results;
  }

  /**
   * One firing of a scheduled rule: AWS's Scheduled Event (source `aws.events`, the rule as its
   * only resource, detail `{}`) for that rule's targets alone, durable before it is handed over.
   */
  async fireScheduled(rule: RuleRecord, time: number): Promise<void> {
    if (this.stopped) return;
    const event: EventEnvelope = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: this.cloud.accountId,
      time: eventTime(time),
      region: rule.region,
      resources: [rule.arn],
      detail: {},
    };
    const record: AcceptedEvent = {
      key: randomUUID(),
      busArn: rule.busArn,
      event,
      acceptedAt: this.cloud.clock.now(),
      hops: 0,
      rule: rule.arn,
    };
    this.counters.scheduled++;
    await this.cloud.persistence.commit('events-delivery', 'accepted', { records: [record] });
    this.dispatch(record, [rule]);
  }

  /** Replays the events the journal accepted but never finished delivering. */
  start(): void {
    const backlog = this.pending.all().filter((r) => !this.inflight.has(r.key));
    if (backlog.length > 0) this.cloud.log(`events: replaying ${backlog.length} undelivered event(s)`);
    for (const record of backlog) this.dispatch(record);
  }

  /** Stops retries and new hand-offs; whatever is unfinished stays in the ledger for the next start. */
  stop(): void {
    this.stopped = true;
    for (const sleeper of this.sleepers) {
      sleeper.cancel();
      sleeper.wake();
    }
    this.sleepers.clear();
  }

  ruleStats(ruleArn: string): RuleStats {
    return { ...(this.stats.get(ruleArn) ?? { matched: 0, delivered: 0, failed: 0, retried: 0 }) };
  }

  allRuleStats(): Record<string, RuleStats> {
    return Object.fromEntries([...this.stats].map(([arn, s]) => [arn, { ...s }]));
  }

  get inflightCount(): number {
    return this.inflight.size;
  }

  /** Resolves once no delivery is in flight (including ones waiting to retry). */
  whenIdle(): Promise<void> {
    if (this.inflight.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private matchingRules(busArn: string, event: EventEnvelope): RuleRecord[] {
    return this.store.rules(busArn).filter((rule) => {
      if (rule.state === 'DISABLED' || rule.targets.length === 0) return false;
      try {
        return this.store.pattern(rule)?.matches(event) ?? false;
      } catch (e) {
        this.cloud.log(`events: rule ${rule.arn} has an unusable pattern: ${describe(e)}`);
        return false;
      }
    });
  }

  /** A replayed event's rules: its own scheduled rule (if still enabled), else the bus's matches. */
  private rulesFor(record: AcceptedEvent): RuleRecord[] {
    if (record.rule === undefined) return this.matchingRules(record.busArn, record.event);
    const rule = this.store.ruleByArn(record.rule);
    return rule && rule.state !== 'DISABLED' && rule.targets.length > 0 ? [rule] : [];
  }

  /** Starts delivering in the background; `rules` are the matches already computed on accept. */
  private dispatch(record: AcceptedEvent, rules?: RuleRecord[]): void {
    if (this.stopped || this.inflight.has(record.key)) return;
    const run = this.deliver(record, rules ?? this.rulesFor(record))
      .catch((e) =>
        this.cloud.log(`events: delivery of ${record.event.id} failed unexpectedly: ${describe(e)}`),
      )
      .finally(() => {
        this.inflight.delete(record.key);
        if (this.inflight.size === 0) {
          const waiters = this.idleWaiters;
          this.idleWaiters = [];
          for (const wake of waiters) wake();
        }
      });
    this.inflight.set(record.key, run);
  }

  private async deliver(record: AcceptedEvent, rules: RuleRecord[]): Promise<void> {
    const jobs: Promise<void>[] = [];
    for (const rule of rules) {
      this.statsFor(rule.arn).matched++;
      for (const target of [...rule.targets]) jobs.push(this.deliverToTarget(rule, target, record));
    }
    await Promise.all(jobs);
    // Stopped mid-way: leave the event pending so the next start delivers it (at least once).
    if (!this.stopped)
      await this.cloud.persistence.commit('events-delivery', 'delivered', { keys: [record.key] });
  }

  private async deliverToTarget(rule: RuleRecord, target: Target, record: AcceptedEvent): Promise<void> {
    const stats = this.statsFor(rule.arn);
    const maxAttempts = 1 + (target.RetryPolicy?.MaximumRetryAttempts ?? DEFAULT_RETRY_ATTEMPTS);
    const maxAgeMs = (target.RetryPolicy?.MaximumEventAgeInSeconds ?? DEFAULT_MAX_AGE_S) * 1000;
    for (let attempt = 1; ; attempt++) {
      if (this.stopped) return;
      try {
        const kind = targetKindFor(target.Arn!);
        const input = renderTargetInput(record.event, inputConfig(target), {
          ruleArn: rule.arn,
          ruleName: rule.name,
        });
        await kind.deliver({
          cloud: this.cloud,
          arn: target.Arn!,
          target,
          input,
          event: record.event,
          ruleArn: rule.arn,
          forward: (busArn, event) => this.forward(busArn, event, record.hops + 1),
        });
        stats.delivered++;
        return;
      } catch (e) {
        const age = this.cloud.clock.now() - record.acceptedAt;
        if (isTransient(e) && attempt < maxAttempts && age < maxAgeMs && !this.stopped) {
          stats.retried++;
          await this.sleep(Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (attempt - 1)));
          continue;
        }
        if (this.stopped) return;
        stats.failed++;
        this.cloud.log(
          `events: rule ${rule.arn} could not deliver event ${record.event.id} to target ${target.Id} ` +
            `(${target.Arn}) after ${attempt} attempt(s): ${describe(e)}`,
        );
        await this.deadLetter(rule, target, record, e);
        return;
      }
    }
  }

  // The event goes to the target's dead-letter queue when its kind exists locally; otherwise logged.
  private async deadLetter(
    rule: RuleRecord,
    target: Target,
    record: AcceptedEvent,
    error: unknown,
  ): Promise<void> {
    const dlq = target.DeadLetterConfig?.Arn;
    if (!dlq) return;
    try {
      await targetKindFor(dlq).deliver({
        cloud: this.cloud,
        arn: dlq,
        input: JSON.stringify(record.event),
        event: record.event,
        ruleArn: rule.arn,
        forward: () => Promise.reject(new AwsServiceError('ValidationException', 'not a queue', 400)),
      });
    } catch (e) {
      this.cloud.log(
        `events: dead-letter queue ${dlq} unavailable for ${record.event.id} (${describe(error)}): ${describe(e)}`,
      );
    }
  }

  /** Bus-to-bus: the receiving bus accepts the event durably, then runs its own rules. */
  private async forward(targetBusArn: string, event: EventEnvelope, hops: number): Promise<void> {
    const ref = parseBusArn(targetBusArn);
    const bus =
      ref && targetBusArn.includes(`:${this.cloud.accountId}:`)
        ? this.store.bus(ref.region, ref.name)
        : undefined;
    if (!bus) throw busNotFound(ref?.name ?? targetBusArn);
    if (hops > MAX_HOPS) {
      throw new AwsServiceError('LoopDetected', `Event ${event.id} crossed more than ${MAX_HOPS} buses`, 400);
    }
    const rules = this.matchingRules(bus.arn, event);
    if (rules.length === 0) return;
    const record: AcceptedEvent = {
      key: randomUUID(),
      busArn: bus.arn,
      event,
      acceptedAt: this.cloud.clock.now(),
      hops,
    };
    await this.cloud.persistence.commit('events-delivery', 'accepted', { records: [record] });
    this.dispatch(record, rules);
  }

  private statsFor(ruleArn: string): RuleStats {
    let stats = this.stats.get(ruleArn);
    if (!stats) {
      stats = { matched: 0, delivered: 0, failed: 0, retried: 0 };
      this.stats.set(ruleArn, stats);
    }
    return stats;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const sleeper = {
        cancel: () => {},
        wake: () => {
          this.sleepers.delete(sleeper);
          resolve();
        },
      };
      sleeper.cancel = this.cloud.clock.setTimer(sleeper.wake, ms).cancel;
      this.sleepers.add(sleeper);
    });
  }
}
