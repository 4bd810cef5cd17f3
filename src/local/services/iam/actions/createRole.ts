// IAM CreateRole: validates the name, path and trust policy like AWS, then stores the role durably.

import type { CreateRoleRequest, CreateRoleResponse } from '@aws-sdk/client-iam';
import { AwsServiceError } from '../../../errors.js';
import type { ActionContext } from '../../../service.js';
import { validatePolicyDocument } from '../policyDocument.js';
import { checkTrustPolicySize, newRoleId, toRole } from '../roles.js';
import type { IamState, RoleRecord } from '../store.js';
import {
  description,
  maxSessionDuration,
  policyDocument,
  roleName,
  rolePath,
  tags,
  uniqueTags,
  Violations,
} from '../validate.js';

export async function createRole(
  input: CreateRoleRequest,
  ctx: ActionContext<IamState>,
): Promise<CreateRoleResponse> {
  const v = new Violations();
  roleName(v, input.RoleName);
  rolePath(v, input.Path);
  policyDocument(v, input.AssumeRolePolicyDocument, 'assumeRolePolicyDocument');
  description(v, input.Description);
  maxSessionDuration(v, input.MaxSessionDuration);
  tags(v, input.Tags);
  v.check();
  const name = input.RoleName!;
  const document = input.AssumeRolePolicyDocument!;
  const tagList = uniqueTags(input.Tags);
  validatePolicyDocument(document, 'trust');
  checkTrustPolicySize(document);
  if (ctx.state.getRole(name))
    throw new AwsServiceError('EntityAlreadyExists', `Role with name ${name} already exists.`, 409);

  const record: RoleRecord = {
    name,
    path: input.Path ?? '/',
    id: newRoleId(),
    // IAM reports creation times to the second.
    createDate: Math.floor(ctx.cloud.clock.now() / 1000) * 1000,
    assumeRolePolicy: document,
    description: input.Description,
    maxSessionDuration: input.MaxSessionDuration ?? 3600,
    tags: tagList,
    policies: {},
  };
  await ctx.cloud.persistence.commit('iam', 'createRole', record);
  return { Role: toRole(record, ctx.accountId, 'create') } satisfies CreateRoleResponse;
}
