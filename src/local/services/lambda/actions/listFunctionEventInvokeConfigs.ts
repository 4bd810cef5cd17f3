// ListFunctionEventInvokeConfigs: every qualifier's async settings for one function.

import type {
  ListFunctionEventInvokeConfigsRequest,
  ListFunctionEventInvokeConfigsResponse,
} from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import { parseFunctionRef } from '../arns.js';
import type { LambdaCore } from '../core.js';
import { notFound } from '../errors.js';
import { page } from '../guards.js';
import { eventInvokeConfigView } from '../views.js';

export function listFunctionEventInvokeConfigs(
  input: ListFunctionEventInvokeConfigsRequest,
  ctx: ActionContext<LambdaCore>,
): ListFunctionEventInvokeConfigsResponse {
  const ref = parseFunctionRef(ctx, input.FunctionName);
  const fn = ctx.state.store.get(ref.name);
  if (!fn) throw notFound("The function doesn't exist.");
  const keys = Object.keys(fn.eventInvokeConfigs).sort();
  const { items, nextMarker } = page(keys, (k) => k, input.Marker, input.MaxItems);
  return {
    FunctionEventInvokeConfigs: items.map((k) =>
      eventInvokeConfigView(ctx, fn.name, k, fn.eventInvokeConfigs[k]),
    ),
    NextMarker: nextMarker,
  } satisfies ListFunctionEventInvokeConfigsResponse;
}
