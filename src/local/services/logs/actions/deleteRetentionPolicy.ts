// CloudWatch Logs DeleteRetentionPolicy: events in the group never expire again.

import type { DeleteRetentionPolicyRequest } from '@aws-sdk/client-cloudwatch-logs';
import type { ActionContext } from '../../../service.js';
import { requireGroup } from '../resources.js';
import type { LogsState } from '../store.js';
import { groupName, Violations } from '../validate.js';

export async function deleteRetentionPolicy(
  input: DeleteRetentionPolicyRequest,
  ctx: ActionContext<LogsState>,
): Promise<void> {
  const v = new Violations();
  groupName(v, input.logGroupName);
  v.check();
  requireGroup(ctx.state, input.logGroupName!);
  await ctx.cloud.persistence.commit('logs', 'deleteRetention', { name: input.logGroupName! });
}
