// GetFunctionConfiguration: the version-specific settings of $LATEST, a version or an alias.

import type { FunctionConfiguration, GetFunctionConfigurationRequest } from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import { parseFunctionRef } from '../arns.js';
import type { LambdaCore } from '../core.js';
import { resolveVersion } from '../resolve.js';
import { configView } from '../views.js';

export function getFunctionConfiguration(
  input: GetFunctionConfigurationRequest,
  ctx: ActionContext<LambdaCore>,
): FunctionConfiguration {
  const ref = parseFunctionRef(ctx, input.FunctionName, input.Qualifier);
  const { fn, version, arn } = resolveVersion(ctx.state.store, ctx, ref);
  return configView(ctx, fn.name, version, { arn }) satisfies FunctionConfiguration;
}
