// IamInternal over the IAM store: roles by name or ARN, and policy checks for services acting as one.

import { policiesAllow, trustAllows } from './evaluate.js';
import type { IamInternal, IamRoleInfo } from './internal.js';
import { roleArn } from './roles.js';
import type { IamState } from './store.js';

const ROLE_ARN = /^arn:aws[a-zA-Z-]*:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;

export function iamInternal(state: IamState, accountId: string): IamInternal {
  const find = (nameOrArn: string): IamRoleInfo | undefined => {
    const m = ROLE_ARN.exec(nameOrArn);
    if (nameOrArn.startsWith('arn:') && (!m || m[1] !== accountId)) return undefined;
    const role = state.getRole(m ? m[2] : nameOrArn);
    if (!role) return undefined;
    const arn = roleArn(accountId, role);
    // An ARN must name the role exactly, path included.
    if (m && arn !== nameOrArn) return undefined;
    return {
      name: role.name,
      arn,
      trustPolicy: role.assumeRolePolicy,
      inlinePolicies: Object.values(role.policies).map((p) => ({ name: p.name, document: p.document })),
    };
  };
  return {
    getRole: find,
    roleAllows(nameOrArn, action, resource) {
      const role = find(nameOrArn);
      return (
        role !== undefined &&
        policiesAllow(
          role.inlinePolicies.map((p) => p.document),
          action,
          resource,
        )
      );
    },
    roleTrusts(nameOrArn, servicePrincipal) {
      const role = find(nameOrArn);
      return role !== undefined && trustAllows(role.trustPolicy, servicePrincipal);
    },
  };
}
