// IAM DeleteRolePolicy: removes one inline policy; a missing one is NoSuchEntity.

import type { DeleteRolePolicyRequest } from '@aws-sdk/client-iam';
import type { ActionContext } from '../../../service.js';
import { requireRole } from '../roles.js';
import type { IamState } from '../store.js';
import { policyName, roleName, Violations } from '../validate.js';
import { noSuchPolicy } from './getRolePolicy.js';

export async function deleteRolePolicy(
  input: DeleteRolePolicyRequest,
  ctx: ActionContext<IamState>,
): Promise<void> {
  const v = new Violations();
  roleName(v, input.RoleName);
  policyName(v, input.PolicyName);
  v.check();
  const role = requireRole(ctx.state, input.RoleName!);
  const policy = role.policies[input.PolicyName!.toLowerCase()];
  if (!policy) throw noSuchPolicy(input.PolicyName!);
  await ctx.cloud.persistence.commit('iam', 'deleteRolePolicy', { role: role.name, name: policy.name });
}
