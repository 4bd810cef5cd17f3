// The accepted-events ledger: PutEvents (and each scheduled firing) commits an `accepted` record
// first, delivery commits `delivered` once every target has the event; the rest is replayed on start.

import type { Durable } from '../../persistence/journal.js';
import type { EventEnvelope } from './envelope.js';

export interface AcceptedEvent {
  /** Ledger key (the same event id can be pending on two buses after a bus-to-bus hop). */
  key: string;
  busArn: string;
  event: EventEnvelope;
  /** Epoch ms when the bus accepted it: the origin of the target's MaximumEventAgeInSeconds. */
  acceptedAt: number;
  /** How many bus-to-bus hops brought it here. */
  hops: number;
  /**
   * A scheduled rule's firing belongs to that rule alone (its ARN): it is never matched against
   * the bus's patterns, not even when it is replayed after a restart.
   */
  rule?: string;
}

export class PendingEvents implements Durable {
  readonly name = 'events-delivery';
  private readonly pending = new Map<string, AcceptedEvent>();

  apply(type: string, data: unknown): void {
    if (type === 'accepted') {
      for (const record of (data as { records: AcceptedEvent[] }).records)
        this.pending.set(record.key, record);
    } else if (type === 'delivered') {
      for (const key of (data as { keys: string[] }).keys) this.pending.delete(key);
    }
  }

  all(): AcceptedEvent[] {
    return [...this.pending.values()];
  }

  get size(): number {
    return this.pending.size;
  }

  snapshot(): AcceptedEvent[] {
    return this.all();
  }

  restore(snapshot: unknown): void {
    this.pending.clear();
    for (const record of snapshot as AcceptedEvent[]) this.pending.set(record.key, record);
  }
}
