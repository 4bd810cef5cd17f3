// GetFunction: the configuration of $LATEST, a version or an alias (then under the alias ARN),
// where to download the package, the function's tags and its reserved concurrency.

import type { GetFunctionRequest, GetFunctionResponse } from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import { parseFunctionRef } from '../arns.js';
import type { LambdaCore } from '../core.js';
import { resolveVersion } from '../resolve.js';
import { configView } from '../views.js';

export function getFunction(input: GetFunctionRequest, ctx: ActionContext<LambdaCore>): GetFunctionResponse {
  const core = ctx.state;
  const ref = parseFunctionRef(ctx, input.FunctionName, input.Qualifier);
  const { fn, version, arn } = resolveVersion(core.store, ctx, ref);
  return {
    Configuration: configView(ctx, fn.name, version, { arn }),
    Code: { RepositoryType: 'S3', Location: core.code.location(version.code) },
    Tags: Object.keys(fn.tags).length > 0 ? { ...fn.tags } : undefined,
    Concurrency:
      fn.reservedConcurrency !== undefined
        ? { ReservedConcurrentExecutions: fn.reservedConcurrency }
        : undefined,
  } satisfies GetFunctionResponse;
}
