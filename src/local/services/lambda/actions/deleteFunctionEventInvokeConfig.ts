// DeleteFunctionEventInvokeConfig: back to the defaults (2 retries, 6 hours, no destinations).

import type { DeleteFunctionEventInvokeConfigRequest } from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import { arnFor, parseFunctionRef } from '../arns.js';
import type { LambdaCore } from '../core.js';
import { notFound } from '../errors.js';
import { LATEST } from '../model.js';

export async function deleteFunctionEventInvokeConfig(
  input: DeleteFunctionEventInvokeConfigRequest,
  ctx: ActionContext<LambdaCore>,
): Promise<void> {
  const core = ctx.state;
  const ref = parseFunctionRef(ctx, input.FunctionName, input.Qualifier);
  const key = ref.qualifier ?? LATEST;
  const fn = core.store.get(ref.name);
  if (!fn?.eventInvokeConfigs[key]) {
    throw notFound(`The function ${arnFor(ctx, ref.name, ref.qualifier)} doesn't have an EventInvokeConfig`);
  }
  const draft = core.store.draft(fn);
  delete draft.eventInvokeConfigs[key];
  await core.store.put(ctx.cloud, draft);
}
