// EventBridge's resources — buses, rules with their targets, tags — as a Durable: every change is a
// journal record applied here, live and again on replay. The default bus of a region is implicit.
// Rule changes are announced to one listener (the scheduler arms and disarms scheduled rules).

import type { Tag, Target } from '@aws-sdk/client-eventbridge';
import { type CompiledPattern, compilePattern } from '../../engines/eventPattern.js';
import type { Durable } from '../../persistence/journal.js';
import { busArn, busNotFound, DEFAULT_BUS, parseRuleArn, ruleNotFound } from './arns.js';

export interface BusRecord {
  name: string;
  region: string;
  arn: string;
  description?: string;
  /** Epoch milliseconds. */
  created: number;
  modified: number;
}

export interface RuleRecord {
  name: string;
  region: string;
  /** The bus name (`default` for the default bus). */
  bus: string;
  busArn: string;
  arn: string;
  eventPattern?: string;
  scheduleExpression?: string;
  /**
   * Schedule time (epoch ms) a rate expression counts from: when the rule got its current
   * expression, kept across restarts so `rate(1 day)` keeps its phase. Absent in older journals.
   */
  scheduleAnchor?: number;
  state: string;
  description?: string;
  roleArn?: string;
  createdBy: string;
  /** In the order they were first added (what ListTargetsByRule returns). */
  targets: Target[];
}

type RuleFields = Omit<RuleRecord, 'targets'>;

interface Snapshot {
  created: number;
  buses: BusRecord[];
  rules: RuleRecord[];
  tags: [arn: string, tags: Tag[]][];
}

const byName = <T extends { name: string }>(a: T, b: T): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

export class EventsStore implements Durable {
  readonly name = 'events';
  /** When the implicit default buses "were created" (kept across restarts via the snapshot). */
  private created: number;
  private readonly buses = new Map<string, BusRecord>();
  private readonly defaults = new Map<string, BusRecord>();
  /** Bus ARN → rule name → rule. */
  private readonly rulesByBus = new Map<string, Map<string, RuleRecord>>();
  private readonly tagsByArn = new Map<string, Tag[]>();
  private readonly compiled = new Map<string, CompiledPattern>();
  private ruleListener?: (arn: string, rule: RuleRecord | undefined) => void;

  constructor(
    readonly accountId: string,
    now: number,
  ) {
    this.created = now;
  }

  // ---- reads ------------------------------------------------------------------------------------

  bus(region: string, name: string): BusRecord | undefined {
    if (name === DEFAULT_BUS) return this.defaultBus(region);
    return this.buses.get(busArn(region, this.accountId, name));
  }

  requireBus(region: string, name: string): BusRecord {
    const bus = this.bus(region, name);
    if (!bus) throw busNotFound(name);
    return bus;
  }

  busByArn(arn: string): BusRecord | undefined {
    return this.buses.get(arn) ?? [...this.defaults.values()].find((b) => b.arn === arn);
  }

  listBuses(region: string): BusRecord[] {
    const list = [this.defaultBus(region), ...[...this.buses.values()].filter((b) => b.region === region)];
    return list.sort(byName);
  }

  rules(busArnValue: string): RuleRecord[] {
    return [...(this.rulesByBus.get(busArnValue)?.values() ?? [])].sort(byName);
  }

  rule(busArnValue: string, name: string): RuleRecord | undefined {
    return this.rulesByBus.get(busArnValue)?.get(name);
  }

  /** A rule by ARN (a scheduled firing, or a pending event bound to one rule). */
  ruleByArn(arn: string): RuleRecord | undefined {
    const ref = parseRuleArn(arn);
    if (!ref || !arn.includes(`:${this.accountId}:`)) return undefined;
    const bus = this.bus(ref.region, ref.bus);
    return bus && this.rule(bus.arn, ref.name);
  }

  /** Every rule with a ScheduleExpression, enabled or not. */
  scheduledRules(): RuleRecord[] {
    return [...this.rulesByBus.values()].flatMap((m) => [...m.values()]).filter((r) => r.scheduleExpression);
  }

  /** Calls `listener` after each rule is created, replaced, enabled, disabled or deleted (undefined). */
  onRuleChange(listener: (arn: string, rule: RuleRecord | undefined) => void): void {
    this.ruleListener = listener;
  }

  requireRule(bus: BusRecord, name: string): RuleRecord {
    const rule = this.rule(bus.arn, name);
    if (!rule) throw ruleNotFound(name, bus.name);
    return rule;
  }

  /** The rule's compiled pattern (compiled once, after validation in PutRule or on replay). */
  pattern(rule: RuleRecord): CompiledPattern | undefined {
    if (rule.eventPattern === undefined) return undefined;
    let compiled = this.compiled.get(rule.arn);
    if (compiled === undefined || compiled.source !== rule.eventPattern) {
      compiled = compilePattern(rule.eventPattern);
      this.compiled.set(rule.arn, compiled);
    }
    return compiled;
  }

  tags(arn: string): Tag[] {
    return this.tagsByArn.get(arn) ?? [];
  }

  private defaultBus(region: string): BusRecord {
    let bus = this.defaults.get(region);
    if (!bus) {
      bus = {
        name: DEFAULT_BUS,
        region,
        arn: busArn(region, this.accountId, DEFAULT_BUS),
        created: this.created,
        modified: this.created,
      };
      this.defaults.set(region, bus);
    }
    return bus;
  }

  // ---- mutations (journal records) --------------------------------------------------------------

  apply(type: string, data: unknown): void {
    switch (type) {
      case 'createBus': {
        const { tags, ...bus } = data as BusRecord & { tags?: Tag[] };
        this.buses.set(bus.arn, bus);
        if (tags?.length) this.tagsByArn.set(bus.arn, tags);
        return;
      }
      case 'deleteBus': {
        const { arn } = data as { arn: string };
        this.buses.delete(arn);
        this.tagsByArn.delete(arn);
        for (const rule of this.rulesByBus.get(arn)?.values() ?? []) this.dropRule(rule);
        this.rulesByBus.delete(arn);
        return;
      }
      case 'putRule': {
        const { rule, tags } = data as { rule: RuleFields; tags?: Tag[] };
        let onBus = this.rulesByBus.get(rule.busArn);
        if (!onBus) {
          onBus = new Map();
          this.rulesByBus.set(rule.busArn, onBus);
        }
        const existing = onBus.get(rule.name);
        // Updating a rule keeps its targets and its tags (PutRule ignores Tags on an update).
        const record = { ...rule, targets: existing?.targets ?? [] };
        onBus.set(rule.name, record);
        if (!existing && tags?.length) this.tagsByArn.set(rule.arn, tags);
        this.compiled.delete(rule.arn);
        this.ruleListener?.(rule.arn, record);
        return;
      }
      case 'deleteRule': {
        const { busArn: bus, name } = data as { busArn: string; name: string };
        const rule = this.rule(bus, name);
        if (!rule) return;
        this.rulesByBus.get(bus)?.delete(name);
        this.dropRule(rule);
        return;
      }
      case 'ruleState': {
        const { busArn: bus, name, state } = data as { busArn: string; name: string; state: string };
        const rule = this.rule(bus, name);
        if (!rule) return;
        rule.state = state;
        this.ruleListener?.(rule.arn, rule);
        return;
      }
      case 'putTargets': {
        const { busArn: bus, name, targets } = data as { busArn: string; name: string; targets: Target[] };
        const rule = this.rule(bus, name);
        if (!rule) return;
        for (const target of targets) {
          const at = rule.targets.findIndex((t) => t.Id === target.Id);
          if (at === -1) rule.targets.push(target);
          else rule.targets[at] = target;
        }
        return;
      }
      case 'removeTargets': {
        const { busArn: bus, name, ids } = data as { busArn: string; name: string; ids: string[] };
        const rule = this.rule(bus, name);
        if (rule) rule.targets = rule.targets.filter((t) => !ids.includes(t.Id!));
        return;
      }
      case 'tag': {
        const { arn, tags } = data as { arn: string; tags: Tag[] };
        const current = [...this.tags(arn)];
        for (const tag of tags) {
          const at = current.findIndex((t) => t.Key === tag.Key);
          if (at === -1) current.push(tag);
          else current[at] = tag;
        }
        this.tagsByArn.set(arn, current);
        return;
      }
      case 'untag': {
        const { arn, keys } = data as { arn: string; keys: string[] };
        const left = this.tags(arn).filter((t) => !keys.includes(t.Key!));
        if (left.length) this.tagsByArn.set(arn, left);
        else this.tagsByArn.delete(arn);
        return;
      }
    }
  }

  private dropRule(rule: RuleRecord): void {
    this.tagsByArn.delete(rule.arn);
    this.compiled.delete(rule.arn);
    this.ruleListener?.(rule.arn, undefined);
  }

  snapshot(): Snapshot {
    return {
      created: this.created,
      buses: [...this.buses.values()],
      rules: [...this.rulesByBus.values()].flatMap((m) => [...m.values()]),
      tags: [...this.tagsByArn.entries()],
    };
  }

  restore(snapshot: unknown): void {
    const snap = snapshot as Snapshot;
    this.created = snap.created;
    this.defaults.clear();
    this.buses.clear();
    this.rulesByBus.clear();
    this.tagsByArn.clear();
    this.compiled.clear();
    for (const bus of snap.buses) this.buses.set(bus.arn, bus);
    for (const rule of snap.rules) {
      let onBus = this.rulesByBus.get(rule.busArn);
      if (!onBus) {
        onBus = new Map();
        this.rulesByBus.set(rule.busArn, onBus);
      }
      onBus.set(rule.name, rule);
    }
    for (const [arn, tags] of snap.tags) this.tagsByArn.set(arn, tags);
  }
}
