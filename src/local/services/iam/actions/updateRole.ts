// IAM UpdateRole: changes the description and/or the maximum session duration.

import type { UpdateRoleRequest, UpdateRoleResponse } from '@aws-sdk/client-iam';
import type { ActionContext } from '../../../service.js';
import { requireRole } from '../roles.js';
import type { IamState } from '../store.js';
import { description, maxSessionDuration, roleName, Violations } from '../validate.js';

export async function updateRole(
  input: UpdateRoleRequest,
  ctx: ActionContext<IamState>,
): Promise<UpdateRoleResponse> {
  const v = new Violations();
  roleName(v, input.RoleName);
  description(v, input.Description);
  maxSessionDuration(v, input.MaxSessionDuration);
  v.check();
  const role = requireRole(ctx.state, input.RoleName!);
  await ctx.cloud.persistence.commit('iam', 'updateRole', {
    name: role.name,
    description: input.Description,
    maxSessionDuration: input.MaxSessionDuration,
  });
  return {} satisfies UpdateRoleResponse;
}
