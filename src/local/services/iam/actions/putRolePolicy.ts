// IAM PutRolePolicy: creates or replaces an inline policy, within the role's 10,240-character quota.

import type { PutRolePolicyRequest } from '@aws-sdk/client-iam';
import { AwsServiceError } from '../../../errors.js';
import type { ActionContext } from '../../../service.js';
import { validatePolicyDocument } from '../policyDocument.js';
import { INLINE_POLICY_QUOTA, policySize, requireRole } from '../roles.js';
import type { IamState } from '../store.js';
import { policyDocument, policyName, roleName, Violations } from '../validate.js';

export async function putRolePolicy(
  input: PutRolePolicyRequest,
  ctx: ActionContext<IamState>,
): Promise<void> {
  const v = new Violations();
  roleName(v, input.RoleName);
  policyName(v, input.PolicyName);
  policyDocument(v, input.PolicyDocument, 'policyDocument');
  v.check();
  const role = requireRole(ctx.state, input.RoleName!);
  const name = input.PolicyName!;
  const document = input.PolicyDocument!;
  validatePolicyDocument(document, 'identity');
  // The quota counts every inline policy of the role together (whitespace excluded).
  const others = Object.entries(role.policies)
    .filter(([key]) => key !== name.toLowerCase())
    .reduce((sum, [, p]) => sum + policySize(p.document), 0);
  if (others + policySize(document) > INLINE_POLICY_QUOTA) {
    throw new AwsServiceError(
      'LimitExceeded',
      `Maximum policy size of ${INLINE_POLICY_QUOTA} bytes exceeded for role ${role.name}`,
      409,
    );
  }
  // A policy replaced under another letter case keeps the name it was first created with.
  const stored = role.policies[name.toLowerCase()]?.name ?? name;
  await ctx.cloud.persistence.commit('iam', 'putRolePolicy', { role: role.name, name: stored, document });
}
