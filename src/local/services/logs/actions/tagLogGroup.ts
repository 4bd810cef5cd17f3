// CloudWatch Logs TagLogGroup (legacy, by group name; superseded by TagResource).

import type { TagLogGroupRequest } from '@aws-sdk/client-cloudwatch-logs';
import type { ActionContext } from '../../../service.js';
import { requireGroup } from '../resources.js';
import type { LogsState } from '../store.js';
import { checkTagQuota } from '../tagging.js';
import { groupName, tagMap, Violations } from '../validate.js';

export async function tagLogGroup(input: TagLogGroupRequest, ctx: ActionContext<LogsState>): Promise<void> {
  const v = new Violations();
  groupName(v, input.logGroupName);
  if (input.tags === undefined) v.add(undefined, 'tags', 'Member must not be null');
  tagMap(v, input.tags);
  v.check();
  const group = requireGroup(ctx.state, input.logGroupName!);
  checkTagQuota(group, input.tags!);
  await ctx.cloud.persistence.commit('logs', 'tag', { name: group.name, tags: input.tags! });
}
