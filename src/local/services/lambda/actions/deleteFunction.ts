// DeleteFunction: the whole function, or with a Qualifier one published version (not $LATEST, not
// an alias, not a version an alias still points to). Its environments are retired and code no
// longer referenced is reclaimed.

import type { DeleteFunctionRequest, DeleteFunctionResponse } from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import { functionArn, isAliasName, parseFunctionRef, qualifiedArn } from '../arns.js';
import type { LambdaCore } from '../core.js';
import { conflict, invalidParameter } from '../errors.js';
import { LATEST } from '../model.js';

export async function deleteFunction(
  input: DeleteFunctionRequest,
  ctx: ActionContext<LambdaCore>,
): Promise<DeleteFunctionResponse> {
  const core = ctx.state;
  const { name, qualifier } = parseFunctionRef(ctx, input.FunctionName, input.Qualifier);
  if (qualifier === LATEST)
    throw invalidParameter('$LATEST version cannot be deleted without deleting the function.');
  if (qualifier !== undefined && isAliasName(qualifier))
    throw invalidParameter('Deletion of aliases is not currently supported.');
  const fn = core.requireFunction(ctx, name);
  if (qualifier === undefined) {
    await core.store.delete(ctx.cloud, name);
    core.engine.retire(functionArn(ctx, name));
  } else {
    // Deleting a version that does not exist succeeds quietly, as on AWS.
    if (!fn.versions[qualifier]) return { StatusCode: 204 } satisfies DeleteFunctionResponse;
    const users = Object.values(fn.aliases)
      .filter((a) => a.functionVersion === qualifier || a.weights?.[qualifier] !== undefined)
      .map((a) => a.name);
    if (users.length > 0) {
      throw conflict(
        `Unable to delete version because the following aliases reference it: [${users.join(', ')}]`,
      );
    }
    const draft = core.store.draft(fn);
    delete draft.versions[qualifier];
    delete draft.policies[qualifier];
    delete draft.eventInvokeConfigs[qualifier];
    await core.store.put(ctx.cloud, draft);
    core.engine.retire(qualifiedArn(ctx, name, qualifier));
  }
  core.collectCode();
  return { StatusCode: 204 } satisfies DeleteFunctionResponse;
}
