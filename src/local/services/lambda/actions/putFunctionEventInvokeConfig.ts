// PutFunctionEventInvokeConfig: replaces the async settings (retries, max event age, destinations)
// of the function, a version or an alias.

import type { FunctionEventInvokeConfig, PutFunctionEventInvokeConfigRequest } from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import type { LambdaCore } from '../core.js';
import { checkDestinationPermissions, checkedTarget, validateDestinations } from '../eventInvokeConfig.js';
import type { EventInvokeConfigState } from '../model.js';
import { eventInvokeConfigView } from '../views.js';

export async function putFunctionEventInvokeConfig(
  input: PutFunctionEventInvokeConfigRequest,
  ctx: ActionContext<LambdaCore>,
): Promise<FunctionEventInvokeConfig> {
  const core = ctx.state;
  const { fn, key } = checkedTarget(core.store, ctx, input);
  validateDestinations(core.store, fn, input.DestinationConfig);
  checkDestinationPermissions(ctx.cloud, fn, key, input.DestinationConfig);
  const config: EventInvokeConfigState = {
    maximumRetryAttempts: input.MaximumRetryAttempts,
    maximumEventAgeInSeconds: input.MaximumEventAgeInSeconds,
    onSuccess: input.DestinationConfig?.OnSuccess?.Destination || undefined,
    onFailure: input.DestinationConfig?.OnFailure?.Destination || undefined,
    lastModified: ctx.cloud.clock.now(),
  };
  const draft = core.store.draft(fn);
  draft.eventInvokeConfigs[key] = config;
  await core.store.put(ctx.cloud, draft);
  return eventInvokeConfigView(ctx, fn.name, key, config) satisfies FunctionEventInvokeConfig;
}
