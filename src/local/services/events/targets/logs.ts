// CloudWatch Logs targets: like AWS, each event gets a log stream named after its id, and the
// message is the (transformed) event JSON stamped with the event's time.

import type { TargetKind } from './types.js';

const LOG_GROUP_ARN = /^arn:aws[\w-]*:logs:[a-z0-9-]+:\d{12}:log-group:([^:]+)(:\*)?$/;

export const logsTarget: TargetKind = {
  name: 'logs',
  accepts: (arn) => LOG_GROUP_ARN.test(arn),
  async deliver({ cloud, arn, input, event }) {
    const group = LOG_GROUP_ARN.exec(arn)![1]!;
    const timestamp = Date.parse(event.time);
    await cloud.api('logs').append(group, event.id, [{ timestamp, message: input }]);
  },
};
