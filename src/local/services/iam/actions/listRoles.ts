// IAM ListRoles: roles under a path prefix, in name order, with Marker/MaxItems (no tags, as on AWS).

import type { ListRolesRequest, ListRolesResponse } from '@aws-sdk/client-iam';
import type { ActionContext } from '../../../service.js';
import { paginate, toRole } from '../roles.js';
import { type IamState, roleKey } from '../store.js';
import { paging, pathPrefix, Violations } from '../validate.js';

export function listRoles(input: ListRolesRequest, ctx: ActionContext<IamState>): ListRolesResponse {
  const v = new Violations();
  pathPrefix(v, input.PathPrefix);
  paging(v, input.Marker, input.MaxItems);
  v.check();
  const prefix = input.PathPrefix ?? '/';
  const roles = [...ctx.state.roles.values()].filter((r) => r.path.startsWith(prefix));
  const page = paginate(roles, (r) => roleKey(r.name), input.Marker, input.MaxItems);
  return {
    Roles: page.items.map((r) => toRole(r, ctx.accountId, 'list')),
    IsTruncated: page.IsTruncated,
    Marker: page.Marker,
  } satisfies ListRolesResponse;
}
