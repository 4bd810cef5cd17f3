// Scheduled rules: one timer per enabled rule with a ScheduleExpression, on the cloud's clock, each
// firing a Scheduled Event through Delivery.

// The time factor makes schedule time run 1/factor times as fast as the wall clock (0.001:
// `rate(1 minute)` fires every 60 ms); at 1 it is the wall clock. After a restart every schedule
// resumes from its next firing: firings missed while the cloud was down are not replayed (a rate
// keeps its phase from the rule's creation through the anchor PutRule stored).

import type { Cloud } from '../../cloud.js';
import type { Delivery } from './delivery.js';
import { parseSchedule, type Schedule } from './schedule.js';
import type { EventsStore, RuleRecord } from './store.js';

// Long waits are taken in slices (the timer wakes, finds it early and waits again): Node's timers
// overflow past 2^31-1 ms, and a slice keeps a yearly cron from holding one 365-day timer.
const MAX_REAL_WAIT_MS = 6 * 3_600_000;

interface Armed {
  /** What the timer was armed for: a rule update with the same expression and anchor keeps it. */
  key: string;
  schedule: Schedule;
  anchor: number;
  /** The firing being waited for (schedule time), and the last one fired. */
  due?: number;
  last?: number;
  timer?: { cancel(): void };
}

const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class Scheduler {
  private readonly armed = new Map<string, Armed>();
  private readonly origin: number;
  private readonly factor: number;
  private started = false;

  constructor(
    private readonly cloud: Cloud,
    private readonly store: EventsStore,
    private readonly delivery: Delivery,
  ) {
    this.origin = cloud.clock.now();
    this.factor = cloud.options.timeFactor > 0 ? cloud.options.timeFactor : 1;
    store.onRuleChange((arn, rule) => this.sync(arn, rule));
  }

  /** Schedule time (epoch ms): the wall clock at a time factor of 1. */
  now(): number {
    return this.origin + (this.cloud.clock.now() - this.origin) / this.factor;
  }

  /** Arms every enabled scheduled rule (after the journal's replay). */
  start(): void {
    this.started = true;
    for (const rule of this.store.scheduledRules()) this.sync(rule.arn, rule);
  }

  /** Cancels every timer: nothing fires once the cloud stops. */
  stop(): void {
    this.started = false;
    for (const entry of this.armed.values()) entry.timer?.cancel();
    this.armed.clear();
  }

  get armedCount(): number {
    return this.armed.size;
  }

  /** Follows one rule's change: arms, re-arms (new expression) or disarms (disabled, deleted). */
  private sync(arn: string, rule: RuleRecord | undefined): void {
    if (!this.started) return;
    const expression = rule && rule.state !== 'DISABLED' ? rule.scheduleExpression : undefined;
    const key = expression && `${expression}@${rule?.scheduleAnchor ?? ''}`;
    const current = this.armed.get(arn);
    if (current && current.key === key) return;
    current?.timer?.cancel();
    this.armed.delete(arn);
    if (!expression || !key) return;
    const schedule = parseSchedule(expression);
    if (!schedule) {
      this.cloud.log(`events: rule ${arn} has an unusable schedule ${expression}`);
      return;
    }
    const entry: Armed = { key, schedule, anchor: rule?.scheduleAnchor ?? this.origin };
    this.armed.set(arn, entry);
    this.arm(arn, entry);
  }

  private arm(arn: string, entry: Armed): void {
    const now = this.now();
    entry.due ??= entry.schedule.next(Math.max(now, entry.last ?? now), entry.anchor);
    // No firing left (a cron whose last year is past): the rule stays, silent, as on AWS.
    if (entry.due === undefined) return;
    const wait = Math.min(entry.due - now, MAX_REAL_WAIT_MS / this.factor);
    entry.timer = this.cloud.clock.setTimer(() => this.wake(arn, entry), Math.max(0, wait));
  }

  private wake(arn: string, entry: Armed): void {
    if (this.armed.get(arn) !== entry || entry.due === undefined) return;
    entry.timer = undefined;
    const due = entry.due;
    // Woken early (a slice of a long wait, or the timer's rounding): wait for the rest.
    if (this.now() >= due) {
      entry.last = due;
      entry.due = undefined;
      this.fire(arn, due);
    }
    this.arm(arn, entry);
  }

  private fire(arn: string, due: number): void {
    const rule = this.store.ruleByArn(arn);
    // Nothing to deliver to: nothing to journal.
    if (!rule || rule.state === 'DISABLED' || rule.targets.length === 0) return;
    // The event carries the wall time the firing was due at (its schedule time at factor 1).
    const time = this.origin + (due - this.origin) * this.factor;
    this.delivery
      .fireScheduled(rule, time)
      .catch((e) => this.cloud.log(`events: scheduled rule ${arn} could not fire: ${describe(e)}`));
  }
}
