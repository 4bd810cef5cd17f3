// What EventBridge offers other services in-process: putting events on a bus (Lambda destinations,
// Step Functions), and delivery and schedule counters for tests and `faas local status`.

import type { PutEventsRequestEntry, PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import type { DeliveryCounters, RuleStats } from './delivery.js';

export interface EventsInternal {
  /**
   * PutEvents without HTTP: per-entry results in order (InvalidArgument, MalformedDetail…); the
   * accepted ones are durable when this resolves. `region` defaults to the cloud's.
   */
  putEvents(entries: PutEventsRequestEntry[], region?: string): Promise<PutEventsResultEntry[]>;
  /** Per-rule delivery counters (zeros for a rule that never matched). */
  ruleStats(ruleArn: string): RuleStats;
  /** Every rule that has counters, plus the bus-level counters and the pending backlog. */
  status(): {
    counters: DeliveryCounters;
    rules: Record<string, RuleStats>;
    pending: number;
    inflight: number;
    /** Scheduled rules whose timer is armed (enabled, with a firing still to come). */
    schedules: number;
  };
  /** Resolves once no delivery is in flight (a delivery waiting to retry is in flight). */
  whenIdle(): Promise<void>;
}

declare module '../../cloud.js' {
  interface InternalApis {
    events: EventsInternal;
  }
}
