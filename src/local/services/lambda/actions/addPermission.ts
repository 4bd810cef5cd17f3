// AddPermission: adds a statement to the resource policy of the function ($LATEST), a version or
// an alias; statement ids are unique per qualifier. Answers with the statement as JSON text.

import type { AddPermissionRequest, AddPermissionResponse } from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import { arnFor, parseFunctionRef } from '../arns.js';
import type { LambdaCore } from '../core.js';
import { conflict, invalidParameter } from '../errors.js';
import { checkRevision } from '../guards.js';
import { LATEST } from '../model.js';
import { buildStatement } from '../policy.js';
import { requireQualifier } from '../resolve.js';
import { bumpRevision, qualifierRevision } from '../revisions.js';

export async function addPermission(
  input: AddPermissionRequest,
  ctx: ActionContext<LambdaCore>,
): Promise<AddPermissionResponse> {
  const core = ctx.state;
  const ref = parseFunctionRef(ctx, input.FunctionName, input.Qualifier);
  if (ref.qualifier === LATEST)
    throw invalidParameter('We currently do not support adding policies for $LATEST.');
  const fn = core.requireFunction(ctx, ref.name);
  const key = requireQualifier(ctx, fn, ref.qualifier);
  checkRevision(input.RevisionId, qualifierRevision(fn, key), 'GetPolicy');
  const statement = buildStatement(input, arnFor(ctx, fn.name, ref.qualifier));
  if ((fn.policies[key] ?? []).some((s) => s.Sid === statement.Sid)) {
    throw conflict(
      `The statement id (${statement.Sid}) provided already exists. Please provide a new statement id, or remove the existing statement.`,
    );
  }
  const draft = core.store.draft(fn);
  draft.policies[key] = [...(draft.policies[key] ?? []), statement];
  bumpRevision(draft, key);
  await core.store.put(ctx.cloud, draft);
  return { Statement: JSON.stringify(statement) } satisfies AddPermissionResponse;
}
