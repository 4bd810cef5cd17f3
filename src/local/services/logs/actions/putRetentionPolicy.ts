// CloudWatch Logs PutRetentionPolicy: only AWS's fixed list of day counts is accepted.

import type { PutRetentionPolicyRequest } from '@aws-sdk/client-cloudwatch-logs';
import type { ActionContext } from '../../../service.js';
import { requireGroup } from '../resources.js';
import type { LogsState } from '../store.js';
import { groupName, retention, Violations } from '../validate.js';

export async function putRetentionPolicy(
  input: PutRetentionPolicyRequest,
  ctx: ActionContext<LogsState>,
): Promise<void> {
  const v = new Violations();
  groupName(v, input.logGroupName);
  retention(v, input.retentionInDays);
  v.check();
  requireGroup(ctx.state, input.logGroupName!);
  await ctx.cloud.persistence.commit('logs', 'putRetention', {
    name: input.logGroupName!,
    days: input.retentionInDays!,
  });
}
