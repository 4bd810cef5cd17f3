// The in-process LogsInternal API: Lambda's function output and EventBridge's log-group targets
// land here. As AWS does through the function's role, a missing group or stream is created; each
// call is one journal record, durable once the promise resolves.

import type { Cloud } from '../../cloud.js';
import type { LogsInternal } from './internal.js';
import type { LogsState } from './store.js';

export function logsInternal(cloud: Cloud, state: LogsState): LogsInternal {
  return {
    async append(logGroupName, logStreamName, events) {
      const exists = state.groups.get(logGroupName)?.streams.has(logStreamName) ?? false;
      if (events.length === 0 && exists) return;
      // The store keeps streams sorted; callers may hand over lines slightly out of order.
      const sorted = [...events].sort((a, b) => a.timestamp - b.timestamp);
      await cloud.persistence.commit('logs', 'append', {
        group: logGroupName,
        stream: logStreamName,
        at: cloud.clock.now(),
        events: sorted.map((e) => [e.timestamp, e.message]),
        create: true,
      });
    },
  };
}
