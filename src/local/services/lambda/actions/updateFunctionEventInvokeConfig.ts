// UpdateFunctionEventInvokeConfig: changes only the async settings given; the config must exist.

import type {
  FunctionEventInvokeConfig,
  UpdateFunctionEventInvokeConfigRequest,
} from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import { arnFor } from '../arns.js';
import type { LambdaCore } from '../core.js';
import { notFound } from '../errors.js';
import { checkDestinationPermissions, checkedTarget, validateDestinations } from '../eventInvokeConfig.js';
import type { EventInvokeConfigState } from '../model.js';
import { eventInvokeConfigView } from '../views.js';

export async function updateFunctionEventInvokeConfig(
  input: UpdateFunctionEventInvokeConfigRequest,
  ctx: ActionContext<LambdaCore>,
): Promise<FunctionEventInvokeConfig> {
  const core = ctx.state;
  const { fn, key } = checkedTarget(core.store, ctx, input);
  const current = fn.eventInvokeConfigs[key];
  if (!current) throw notFound(`The function ${arnFor(ctx, fn.name, key)} doesn't have an EventInvokeConfig`);
  validateDestinations(core.store, fn, input.DestinationConfig);
  checkDestinationPermissions(ctx.cloud, fn, key, input.DestinationConfig);
  const destinations = input.DestinationConfig;
  const config: EventInvokeConfigState = {
    maximumRetryAttempts: input.MaximumRetryAttempts ?? current.maximumRetryAttempts,
    maximumEventAgeInSeconds: input.MaximumEventAgeInSeconds ?? current.maximumEventAgeInSeconds,
    onSuccess: destinations ? destinations.OnSuccess?.Destination || undefined : current.onSuccess,
    onFailure: destinations ? destinations.OnFailure?.Destination || undefined : current.onFailure,
    lastModified: ctx.cloud.clock.now(),
  };
  const draft = core.store.draft(fn);
  draft.eventInvokeConfigs[key] = config;
  await core.store.put(ctx.cloud, draft);
  return eventInvokeConfigView(ctx, fn.name, key, config) satisfies FunctionEventInvokeConfig;
}
