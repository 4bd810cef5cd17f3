// IAM GetRole: the role with its (URL-encoded) trust policy, tags and an empty RoleLastUsed.

import type { GetRoleRequest, GetRoleResponse } from '@aws-sdk/client-iam';
import type { ActionContext } from '../../../service.js';
import { requireRole, toRole } from '../roles.js';
import type { IamState } from '../store.js';
import { roleName, Violations } from '../validate.js';

export function getRole(input: GetRoleRequest, ctx: ActionContext<IamState>): GetRoleResponse {
  const v = new Violations();
  roleName(v, input.RoleName);
  v.check();
  const role = requireRole(ctx.state, input.RoleName!);
  return { Role: toRole(role, ctx.accountId, 'get') } satisfies GetRoleResponse;
}
