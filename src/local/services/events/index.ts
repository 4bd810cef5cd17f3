// EventBridge (awsJson 1.1, `AWSEvents.*`): buses, rules, targets, tags, PutEvents with durable
// asynchronous delivery to Lambda, SQS, CloudWatch Logs and other buses, scheduled rules firing
// on the cloud's clock, and TestEventPattern.

import type { Cloud } from '../../cloud.js';
import { jsonCodec } from '../../protocol/json.js';
import { defineService } from '../../service.js';
import { createEventBus } from './actions/createEventBus.js';
import { deleteEventBus } from './actions/deleteEventBus.js';
import { deleteRule } from './actions/deleteRule.js';
import { describeEventBus } from './actions/describeEventBus.js';
import { describeRule } from './actions/describeRule.js';
import { disableRule } from './actions/disableRule.js';
import { enableRule } from './actions/enableRule.js';
import { listEventBuses } from './actions/listEventBuses.js';
import { listRuleNamesByTarget } from './actions/listRuleNamesByTarget.js';
import { listRules } from './actions/listRules.js';
import { listTagsForResource } from './actions/listTagsForResource.js';
import { listTargetsByRule } from './actions/listTargetsByRule.js';
import { putEvents } from './actions/putEvents.js';
import { putRule } from './actions/putRule.js';
import { putTargets } from './actions/putTargets.js';
import { removeTargets } from './actions/removeTargets.js';
import { tagResource } from './actions/tagResource.js';
import { testEventPattern } from './actions/testEventPattern.js';
import { untagResource } from './actions/untagResource.js';
import { Delivery } from './delivery.js';
import type { EventsInternal } from './internal.js';
import { PendingEvents } from './pending.js';
import { Scheduler } from './scheduler.js';
import type { EventsState } from './state.js';
import { EventsStore } from './store.js';

export function eventsService(cloud: Cloud) {
  const store = cloud.persistence.register(new EventsStore(cloud.accountId, cloud.clock.now()));
  const pending = cloud.persistence.register(new PendingEvents());
  const delivery = new Delivery(cloud, store, pending);
  const scheduler = new Scheduler(cloud, store, delivery);
  cloud.onStop(() => {
    scheduler.stop();
    delivery.stop();
  });

  const internal: EventsInternal = {
    putEvents: (entries, region) => delivery.accept(entries, region ?? cloud.region),
    ruleStats: (ruleArn) => delivery.ruleStats(ruleArn),
    status: () => ({
      counters: { ...delivery.counters },
      rules: delivery.allRuleStats(),
      pending: pending.size,
      inflight: delivery.inflightCount,
      schedules: scheduler.armedCount,
    }),
    whenIdle: () => delivery.whenIdle(),
  };
  cloud.provide('events', internal);

  return defineService<EventsState>({
    signingName: 'events',
    targetPrefixes: ['AWSEvents'],
    codec: jsonCodec('1.1'),
    sdk: () => import('@aws-sdk/client-eventbridge'),
    state: { store, pending, delivery, scheduler },
    // Replay and schedules wait for start: by then the journal is replayed and every service has
    // provided its in-process API (Lambda's async queue, SQS, Logs).
    start: () => {
      delivery.start();
      scheduler.start();
    },
    actions: {
      CreateEventBus: createEventBus,
      DescribeEventBus: describeEventBus,
      DeleteEventBus: deleteEventBus,
      ListEventBuses: listEventBuses,
      PutRule: putRule,
      DescribeRule: describeRule,
      DeleteRule: deleteRule,
      ListRules: listRules,
      EnableRule: enableRule,
      DisableRule: disableRule,
      PutTargets: putTargets,
      RemoveTargets: removeTargets,
      ListTargetsByRule: listTargetsByRule,
      ListRuleNamesByTarget: listRuleNamesByTarget,
      PutEvents: putEvents,
      TestEventPattern: testEventPattern,
      TagResource: tagResource,
      UntagResource: untagResource,
      ListTagsForResource: listTagsForResource,
    },
  });
}
