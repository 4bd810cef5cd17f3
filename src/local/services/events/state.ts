// What every EventBridge action receives as ctx.state.

import type { Delivery } from './delivery.js';
import type { PendingEvents } from './pending.js';
import type { Scheduler } from './scheduler.js';
import type { EventsStore } from './store.js';

export interface EventsState {
  store: EventsStore;
  pending: PendingEvents;
  delivery: Delivery;
  scheduler: Scheduler;
}
