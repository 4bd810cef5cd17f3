// IAM (awsQuery, global): roles with trust policies, inline policies and tags — what the pipeline's
// one-role-per-function least-privilege setup needs. ARNs carry no region. IamInternal lets services
// that act as a role (API Gateway's AWS integrations) check what it allows.

import type { Cloud } from '../../cloud.js';
import { queryCodec } from '../../protocol/query.js';
import { defineService } from '../../service.js';
import { createRole } from './actions/createRole.js';
import { deleteRole } from './actions/deleteRole.js';
import { deleteRolePolicy } from './actions/deleteRolePolicy.js';
import { getRole } from './actions/getRole.js';
import { getRolePolicy } from './actions/getRolePolicy.js';
import { listAttachedRolePolicies } from './actions/listAttachedRolePolicies.js';
import { listInstanceProfilesForRole } from './actions/listInstanceProfilesForRole.js';
import { listRolePolicies } from './actions/listRolePolicies.js';
import { listRoles } from './actions/listRoles.js';
import { listRoleTags } from './actions/listRoleTags.js';
import { putRolePolicy } from './actions/putRolePolicy.js';
import { tagRole } from './actions/tagRole.js';
import { untagRole } from './actions/untagRole.js';
import { updateAssumeRolePolicy } from './actions/updateAssumeRolePolicy.js';
import { updateRole } from './actions/updateRole.js';
import { iamInternal } from './internalApi.js';
import { IamState } from './store.js';

export const iamService = (cloud: Cloud) => {
  const state = cloud.persistence.register(new IamState());
  cloud.provide('iam', iamInternal(state, cloud.accountId));
  return defineService({
    signingName: 'iam',
    codec: queryCodec('https://iam.amazonaws.com/doc/2010-05-08/'),
    sdk: () => import('@aws-sdk/client-iam'),
    state,
    actions: {
      CreateRole: createRole,
      GetRole: getRole,
      DeleteRole: deleteRole,
      UpdateRole: updateRole,
      UpdateAssumeRolePolicy: updateAssumeRolePolicy,
      ListRoles: listRoles,
      PutRolePolicy: putRolePolicy,
      GetRolePolicy: getRolePolicy,
      DeleteRolePolicy: deleteRolePolicy,
      ListRolePolicies: listRolePolicies,
      ListAttachedRolePolicies: listAttachedRolePolicies,
      ListInstanceProfilesForRole: listInstanceProfilesForRole,
      TagRole: tagRole,
      UntagRole: untagRole,
      ListRoleTags: listRoleTags,
    },
  });
};
