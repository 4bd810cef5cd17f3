// ListEventSourceMappings: every mapping, or those of one queue and/or function (an unqualified
// function name matches its mappings of every version and alias), paged by Marker/MaxItems.

import type { ListEventSourceMappingsRequest, ListEventSourceMappingsResponse } from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import { parseFunctionRef } from '../arns.js';
import type { LambdaCore } from '../core.js';
import { mappingsOf } from '../esm/mappings.js';
import { mappingView } from '../esm/view.js';
import { page } from '../guards.js';

export function listEventSourceMappings(
  input: ListEventSourceMappingsRequest,
  ctx: ActionContext<LambdaCore>,
): ListEventSourceMappingsResponse {
  const fn = input.FunctionName !== undefined ? parseFunctionRef(ctx, input.FunctionName) : undefined;
  const matching = mappingsOf(ctx.state)
    .store.all()
    .filter(
      (m) =>
        (input.EventSourceArn === undefined || m.eventSourceArn === input.EventSourceArn) &&
        (fn === undefined ||
          (m.functionName === fn.name && (fn.qualifier === undefined || m.qualifier === fn.qualifier))),
    );
  const { items, nextMarker } = page(matching, (m) => m.uuid, input.Marker, input.MaxItems ?? 100);
  return {
    EventSourceMappings: items.map((m) => mappingView(ctx, m)),
    NextMarker: nextMarker,
  } satisfies ListEventSourceMappingsResponse;
}
