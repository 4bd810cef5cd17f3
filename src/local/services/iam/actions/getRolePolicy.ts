// IAM GetRolePolicy: one inline policy. The document comes back URL-encoded exactly as AWS sends
// it; the JS SDK does not decode it, so callers must decodeURIComponent() it themselves.

import type { GetRolePolicyRequest, GetRolePolicyResponse } from '@aws-sdk/client-iam';
import { AwsServiceError } from '../../../errors.js';
import type { ActionContext } from '../../../service.js';
import { encodePolicy } from '../policyDocument.js';
import { requireRole } from '../roles.js';
import type { IamState } from '../store.js';
import { policyName, roleName, Violations } from '../validate.js';

export function getRolePolicy(
  input: GetRolePolicyRequest,
  ctx: ActionContext<IamState>,
): GetRolePolicyResponse {
  const v = new Violations();
  roleName(v, input.RoleName);
  policyName(v, input.PolicyName);
  v.check();
  const role = requireRole(ctx.state, input.RoleName!);
  const policy = role.policies[input.PolicyName!.toLowerCase()];
  if (!policy) throw noSuchPolicy(input.PolicyName!);
  return {
    RoleName: role.name,
    PolicyName: policy.name,
    PolicyDocument: encodePolicy(policy.document),
  } satisfies GetRolePolicyResponse;
}

export const noSuchPolicy = (name: string): AwsServiceError =>
  new AwsServiceError('NoSuchEntity', `The role policy with name ${name} cannot be found.`, 404);
