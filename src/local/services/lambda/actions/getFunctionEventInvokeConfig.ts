// GetFunctionEventInvokeConfig: the async settings of the function, a version or an alias.

import type { FunctionEventInvokeConfig, GetFunctionEventInvokeConfigRequest } from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import { arnFor, parseFunctionRef } from '../arns.js';
import type { LambdaCore } from '../core.js';
import { notFound } from '../errors.js';
import { LATEST } from '../model.js';
import { eventInvokeConfigView } from '../views.js';

export function getFunctionEventInvokeConfig(
  input: GetFunctionEventInvokeConfigRequest,
  ctx: ActionContext<LambdaCore>,
): FunctionEventInvokeConfig {
  const ref = parseFunctionRef(ctx, input.FunctionName, input.Qualifier);
  const key = ref.qualifier ?? LATEST;
  const config = ctx.state.store.get(ref.name)?.eventInvokeConfigs[key];
  if (!config) throw notFound(`The function ${arnFor(ctx, ref.name, key)} doesn't have an EventInvokeConfig`);
  return eventInvokeConfigView(ctx, ref.name, key, config) satisfies FunctionEventInvokeConfig;
}
