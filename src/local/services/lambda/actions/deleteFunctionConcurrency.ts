// DeleteFunctionConcurrency: the function goes back to the account's unreserved pool.

import type { DeleteFunctionConcurrencyRequest } from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import { parseFunctionRef } from '../arns.js';
import type { LambdaCore } from '../core.js';

export async function deleteFunctionConcurrency(
  input: DeleteFunctionConcurrencyRequest,
  ctx: ActionContext<LambdaCore>,
): Promise<void> {
  const core = ctx.state;
  const ref = parseFunctionRef(ctx, input.FunctionName);
  const fn = core.requireFunction(ctx, ref.name);
  if (fn.reservedConcurrency === undefined) return;
  const draft = core.store.draft(fn);
  delete draft.reservedConcurrency;
  await core.store.put(ctx.cloud, draft);
}
