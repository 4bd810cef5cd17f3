// GetFunctionConcurrency: the function's reserved concurrency, or nothing when it has none.

import type { GetFunctionConcurrencyRequest, GetFunctionConcurrencyResponse } from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import { parseFunctionRef } from '../arns.js';
import type { LambdaCore } from '../core.js';

export function getFunctionConcurrency(
  input: GetFunctionConcurrencyRequest,
  ctx: ActionContext<LambdaCore>,
): GetFunctionConcurrencyResponse {
  const ref = parseFunctionRef(ctx, input.FunctionName);
  const fn = ctx.state.requireFunction(ctx, ref.name);
  return { ReservedConcurrentExecutions: fn.reservedConcurrency } satisfies GetFunctionConcurrencyResponse;
}
