// IAM ListRolePolicies: the role's inline policy names in name order, with Marker/MaxItems.

import type { ListRolePoliciesRequest, ListRolePoliciesResponse } from '@aws-sdk/client-iam';
import type { ActionContext } from '../../../service.js';
import { paginate, requireRole } from '../roles.js';
import type { IamState } from '../store.js';
import { paging, roleName, Violations } from '../validate.js';

export function listRolePolicies(
  input: ListRolePoliciesRequest,
  ctx: ActionContext<IamState>,
): ListRolePoliciesResponse {
  const v = new Violations();
  roleName(v, input.RoleName);
  paging(v, input.Marker, input.MaxItems);
  v.check();
  const role = requireRole(ctx.state, input.RoleName!);
  const names = Object.values(role.policies).map((p) => p.name);
  const page = paginate(names, (n) => n, input.Marker, input.MaxItems);
  return {
    PolicyNames: page.items,
    IsTruncated: page.IsTruncated,
    Marker: page.Marker,
  } satisfies ListRolePoliciesResponse;
}
