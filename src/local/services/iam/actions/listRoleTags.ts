// IAM ListRoleTags: the role's tags ordered by key, with Marker/MaxItems.

import type { ListRoleTagsRequest, ListRoleTagsResponse } from '@aws-sdk/client-iam';
import type { ActionContext } from '../../../service.js';
import { paginate, requireRole } from '../roles.js';
import type { IamState } from '../store.js';
import { paging, roleName, Violations } from '../validate.js';

export function listRoleTags(input: ListRoleTagsRequest, ctx: ActionContext<IamState>): ListRoleTagsResponse {
  const v = new Violations();
  roleName(v, input.RoleName);
  paging(v, input.Marker, input.MaxItems);
  v.check();
  const role = requireRole(ctx.state, input.RoleName!);
  const page = paginate(role.tags, (t) => t.Key.toLowerCase(), input.Marker, input.MaxItems);
  return {
    Tags: page.items.map((t) => ({ ...t })),
    IsTruncated: page.IsTruncated,
    Marker: page.Marker,
  } satisfies ListRoleTagsResponse;
}
