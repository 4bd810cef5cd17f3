// CloudWatch Logs ListTagsLogGroup (legacy, by group name; superseded by ListTagsForResource).

import type { ListTagsLogGroupRequest, ListTagsLogGroupResponse } from '@aws-sdk/client-cloudwatch-logs';
import type { ActionContext } from '../../../service.js';
import { requireGroup } from '../resources.js';
import type { LogsState } from '../store.js';
import { groupName, Violations } from '../validate.js';

export function listTagsLogGroup(
  input: ListTagsLogGroupRequest,
  ctx: ActionContext<LogsState>,
): ListTagsLogGroupResponse {
  const v = new Violations();
  groupName(v, input.logGroupName);
  v.check();
  const group = requireGroup(ctx.state, input.logGroupName!);
  return { tags: { ...group.tags } } satisfies ListTagsLogGroupResponse;
}
