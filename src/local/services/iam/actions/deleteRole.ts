// IAM DeleteRole: refused with DeleteConflict while inline policies remain, as on AWS.

import type { DeleteRoleRequest } from '@aws-sdk/client-iam';
import { AwsServiceError } from '../../../errors.js';
import type { ActionContext } from '../../../service.js';
import { requireRole } from '../roles.js';
import type { IamState } from '../store.js';
import { roleName, Violations } from '../validate.js';

export async function deleteRole(input: DeleteRoleRequest, ctx: ActionContext<IamState>): Promise<void> {
  const v = new Violations();
  roleName(v, input.RoleName);
  v.check();
  const role = requireRole(ctx.state, input.RoleName!);
  if (Object.keys(role.policies).length > 0)
    throw new AwsServiceError('DeleteConflict', 'Cannot delete entity, must delete policies first.', 409);
  await ctx.cloud.persistence.commit('iam', 'deleteRole', { name: role.name });
}
