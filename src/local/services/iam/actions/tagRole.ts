// IAM TagRole: adds or overwrites tags (keys compared case-insensitively), 50 at most per role.

import type { TagRoleRequest } from '@aws-sdk/client-iam';
import { AwsServiceError } from '../../../errors.js';
import type { ActionContext } from '../../../service.js';
import { requireRole } from '../roles.js';
import { type IamState, mergeTags } from '../store.js';
import { MAX_TAGS, roleName, tags, uniqueTags, Violations } from '../validate.js';

export async function tagRole(input: TagRoleRequest, ctx: ActionContext<IamState>): Promise<void> {
  const v = new Violations();
  roleName(v, input.RoleName);
  v.required(input.Tags, 'tags');
  tags(v, input.Tags);
  v.check();
  const added = uniqueTags(input.Tags);
  const role = requireRole(ctx.state, input.RoleName!);
  if (mergeTags(role.tags, added).length > MAX_TAGS)
    throw new AwsServiceError('LimitExceeded', `Cannot exceed quota for TagsPerRole: ${MAX_TAGS}`, 409);
  await ctx.cloud.persistence.commit('iam', 'tagRole', { name: role.name, tags: added });
}
