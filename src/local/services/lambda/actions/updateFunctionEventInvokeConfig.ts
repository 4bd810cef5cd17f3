// UpdateFunctionEventInvokeConfig: changes only the async settings given; the config must exist.

import type {
  FunctionEventInvokeConfig,
  UpdateFunctionEventInvokeConfigRequest,
} from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import { arnFor, parseFunctionRef } from '../arns.js';
import type { LambdaCore } from '../core.js';
import { invalidParameter, notFound } from '../errors.js';
import { requireTarget, validateDestinations, validateLimits } from '../eventInvokeConfig.js';
import type { EventInvokeConfigState } from '../model.js';
import { eventInvokeConfigView } from '../views.js';

export async function updateFunctionEventInvokeConfig(
  input: UpdateFunctionEventInvokeConfigRequest,
  ctx: ActionContext<LambdaCore>,
): Promise<FunctionEventInvokeConfig> {
  const core = ctx.state;
  if (
    input.MaximumRetryAttempts === undefined &&
    input.MaximumEventAgeInSeconds === undefined &&
    input.DestinationConfig === undefined
  ) {
    throw invalidParameter('You must specify at least one of error handling or destination setting.');
  }
  validateLimits(input.MaximumRetryAttempts, input.MaximumEventAgeInSeconds);
  const ref = parseFunctionRef(ctx, input.FunctionName, input.Qualifier);
  const { fn, key } = requireTarget(core.store, ctx, ref.name, ref.qualifier);
  const current = fn.eventInvokeConfigs[key];
  if (!current) throw notFound(`The function ${arnFor(ctx, fn.name, key)} doesn't have an EventInvokeConfig`);
  validateDestinations(core.store, fn, input.DestinationConfig);
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
