// CloudWatch Logs UntagLogGroup (legacy, by group name; superseded by UntagResource).

import type { UntagLogGroupRequest } from '@aws-sdk/client-cloudwatch-logs';
import type { ActionContext } from '../../../service.js';
import { requireGroup } from '../resources.js';
import type { LogsState } from '../store.js';
import { groupName, tagKeyList, Violations } from '../validate.js';

export async function untagLogGroup(
  input: UntagLogGroupRequest,
  ctx: ActionContext<LogsState>,
): Promise<void> {
  const v = new Violations();
  groupName(v, input.logGroupName);
  tagKeyList(v, input.tags, 'tags');
  v.check();
  const group = requireGroup(ctx.state, input.logGroupName!);
  await ctx.cloud.persistence.commit('logs', 'untag', { name: group.name, keys: input.tags! });
}
