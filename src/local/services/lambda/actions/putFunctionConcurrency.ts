// PutFunctionConcurrency: reserves concurrency for a function (0 throttles every invocation). The
// account has 1,000 concurrent executions and must keep 100 unreserved.

import type { Concurrency, PutFunctionConcurrencyRequest } from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import { parseFunctionRef, qualifiedArn, validationError } from '../arns.js';
import type { LambdaCore } from '../core.js';
import { functionNotFound, invalidParameter } from '../errors.js';
import { LATEST } from '../model.js';

export const ACCOUNT_CONCURRENCY = 1000;
export const MIN_UNRESERVED = 100;

export async function putFunctionConcurrency(
  input: PutFunctionConcurrencyRequest,
  ctx: ActionContext<LambdaCore>,
): Promise<Concurrency> {
  const core = ctx.state;
  const reserved = input.ReservedConcurrentExecutions;
  if (reserved === undefined || reserved < 0) {
    throw validationError(
      reserved === undefined
        ? "Value null at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must not be null"
        : `Value '${reserved}' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 0`,
    );
  }
  const ref = parseFunctionRef(ctx, input.FunctionName);
  if (ref.qualifier !== undefined) {
    throw invalidParameter(
      'This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. Please specify either a function name or an unqualified function ARN.',
    );
  }
  const fn = core.store.get(ref.name);
  if (!fn) throw functionNotFound(qualifiedArn(ctx, ref.name, LATEST));
  const elsewhere = core.store
    .all()
    .filter((f) => f.name !== fn.name)
    .reduce((sum, f) => sum + (f.reservedConcurrency ?? 0), 0);
  if (ACCOUNT_CONCURRENCY - elsewhere - reserved < MIN_UNRESERVED) {
    throw invalidParameter(
      `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${MIN_UNRESERVED}].`,
    );
  }
  const draft = core.store.draft(fn);
  draft.reservedConcurrency = reserved;
  await core.store.put(ctx.cloud, draft);
  return { ReservedConcurrentExecutions: reserved } satisfies Concurrency;
}
