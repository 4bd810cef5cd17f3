// IAM ListInstanceProfilesForRole: instance profiles are not modelled, so a role belongs to none;
// generic role teardown lists them before DeleteRole.

import type {
  ListInstanceProfilesForRoleRequest,
  ListInstanceProfilesForRoleResponse,
} from '@aws-sdk/client-iam';
import type { ActionContext } from '../../../service.js';
import { requireRole } from '../roles.js';
import type { IamState } from '../store.js';
import { paging, roleName, Violations } from '../validate.js';

export function listInstanceProfilesForRole(
  input: ListInstanceProfilesForRoleRequest,
  ctx: ActionContext<IamState>,
): ListInstanceProfilesForRoleResponse {
  const v = new Violations();
  roleName(v, input.RoleName);
  paging(v, input.Marker, input.MaxItems);
  v.check();
  requireRole(ctx.state, input.RoleName!);
  return { InstanceProfiles: [], IsTruncated: false } satisfies ListInstanceProfilesForRoleResponse;
}
