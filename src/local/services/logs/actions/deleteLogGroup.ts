// CloudWatch Logs DeleteLogGroup: the group, its streams and all their events.

import type { DeleteLogGroupRequest } from '@aws-sdk/client-cloudwatch-logs';
import type { ActionContext } from '../../../service.js';
import { requireGroup } from '../resources.js';
import type { LogsState } from '../store.js';
import { groupName, Violations } from '../validate.js';

export async function deleteLogGroup(
  input: DeleteLogGroupRequest,
  ctx: ActionContext<LogsState>,
): Promise<void> {
  const v = new Violations();
  groupName(v, input.logGroupName);
  v.check();
  requireGroup(ctx.state, input.logGroupName!);
  await ctx.cloud.persistence.commit('logs', 'deleteGroup', { name: input.logGroupName! });
}
