// CloudWatch Logs DeleteLogStream: the stream and its events.

import type { DeleteLogStreamRequest } from '@aws-sdk/client-cloudwatch-logs';
import type { ActionContext } from '../../../service.js';
import { requireGroup, requireStream } from '../resources.js';
import type { LogsState } from '../store.js';
import { groupName, streamName, Violations } from '../validate.js';

export async function deleteLogStream(
  input: DeleteLogStreamRequest,
  ctx: ActionContext<LogsState>,
): Promise<void> {
  const v = new Violations();
  groupName(v, input.logGroupName);
  streamName(v, input.logStreamName);
  v.check();
  const group = requireGroup(ctx.state, input.logGroupName!);
  requireStream(group, input.logStreamName!);
  await ctx.cloud.persistence.commit('logs', 'deleteStream', {
    group: group.name,
    name: input.logStreamName!,
  });
}
