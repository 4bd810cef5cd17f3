// IAM UpdateAssumeRolePolicy: replaces the role's trust policy after the same checks as CreateRole.

import type { UpdateAssumeRolePolicyRequest } from '@aws-sdk/client-iam';
import type { ActionContext } from '../../../service.js';
import { validatePolicyDocument } from '../policyDocument.js';
import { checkTrustPolicySize, requireRole } from '../roles.js';
import type { IamState } from '../store.js';
import { policyDocument, roleName, Violations } from '../validate.js';

export async function updateAssumeRolePolicy(
  input: UpdateAssumeRolePolicyRequest,
  ctx: ActionContext<IamState>,
): Promise<void> {
  const v = new Violations();
  roleName(v, input.RoleName);
  policyDocument(v, input.PolicyDocument, 'policyDocument');
  v.check();
  const role = requireRole(ctx.state, input.RoleName!);
  validatePolicyDocument(input.PolicyDocument!, 'trust');
  checkTrustPolicySize(input.PolicyDocument!);
  await ctx.cloud.persistence.commit('iam', 'updateAssumeRolePolicy', {
    name: role.name,
    document: input.PolicyDocument!,
  });
}
