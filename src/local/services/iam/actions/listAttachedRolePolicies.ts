// IAM ListAttachedRolePolicies: managed policies are not modelled, so an existing role has none;
// teardown code lists them before DeleteRole, as it must on AWS.

import type { ListAttachedRolePoliciesRequest, ListAttachedRolePoliciesResponse } from '@aws-sdk/client-iam';
import type { ActionContext } from '../../../service.js';
import { requireRole } from '../roles.js';
import type { IamState } from '../store.js';
import { paging, pathPrefix, roleName, Violations } from '../validate.js';

export function listAttachedRolePolicies(
  input: ListAttachedRolePoliciesRequest,
  ctx: ActionContext<IamState>,
): ListAttachedRolePoliciesResponse {
  const v = new Violations();
  roleName(v, input.RoleName);
  pathPrefix(v, input.PathPrefix);
  paging(v, input.Marker, input.MaxItems);
  v.check();
  requireRole(ctx.state, input.RoleName!);
  return { AttachedPolicies: [], IsTruncated: false } satisfies ListAttachedRolePoliciesResponse;
}
