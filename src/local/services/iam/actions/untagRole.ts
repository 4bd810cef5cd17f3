// IAM UntagRole: removes the named tag keys; keys the role does not carry are ignored, as on AWS.

import type { UntagRoleRequest } from '@aws-sdk/client-iam';
import type { ActionContext } from '../../../service.js';
import { requireRole } from '../roles.js';
import type { IamState } from '../store.js';
import { roleName, tagKeys, Violations } from '../validate.js';

export async function untagRole(input: UntagRoleRequest, ctx: ActionContext<IamState>): Promise<void> {
  const v = new Violations();
  roleName(v, input.RoleName);
  tagKeys(v, input.TagKeys);
  v.check();
  const role = requireRole(ctx.state, input.RoleName!);
  await ctx.cloud.persistence.commit('iam', 'untagRole', { name: role.name, keys: input.TagKeys! });
}
