// RemovePermission: drops one statement from the policy of the function, a version or an alias.

import type { RemovePermissionRequest } from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import { functionArn, parseFunctionRef } from '../arns.js';
import type { LambdaCore } from '../core.js';
import { notFound } from '../errors.js';
import { checkRevision } from '../guards.js';
import { requireQualifier } from '../resolve.js';
import { bumpRevision, qualifierRevision } from '../revisions.js';

export async function removePermission(
  input: RemovePermissionRequest,
  ctx: ActionContext<LambdaCore>,
): Promise<void> {
  const core = ctx.state;
  const ref = parseFunctionRef(ctx, input.FunctionName, input.Qualifier);
  const fn = core.store.get(ref.name);
  if (!fn) throw notFound(`No policy found for: ${functionArn(ctx, ref.name)}`);
  const key = requireQualifier(ctx, fn, ref.qualifier);
  const statements = fn.policies[key];
  if (!statements || statements.length === 0)
    throw notFound('No policy is associated with the given resource.');
  if (!statements.some((s) => s.Sid === input.StatementId)) {
    throw notFound(`Statement ${input.StatementId} is not found in resource policy.`);
  }
  checkRevision(input.RevisionId, qualifierRevision(fn, key));
  const draft = core.store.draft(fn);
  const rest = statements.filter((s) => s.Sid !== input.StatementId);
  if (rest.length > 0) draft.policies[key] = rest;
  else delete draft.policies[key];
  bumpRevision(draft, key);
  await core.store.put(ctx.cloud, draft);
}
