// UpdateRoute: merges the given fields; the route key stays unique and the target valid.

import type { UpdateRouteRequest, UpdateRouteResult } from '@aws-sdk/client-apigatewayv2';
import type { ActionContext } from '../../../service.js';
import { updateChild } from '../children.js';
import type { ApiGatewayState } from '../state.js';
import { ensureUniqueRouteKey, validateRouteKey, validateTarget } from '../validate.js';

export async function updateRoute(
  input: UpdateRouteRequest,
  ctx: ActionContext<ApiGatewayState>,
): Promise<UpdateRouteResult> {
  const { ApiId, RouteId, ...changes } = input;
  const rec = ctx.state.requireApi(ApiId);
  return (await updateChild(ctx, ApiId, 'routes', RouteId, changes, (merged) => {
    ensureUniqueRouteKey(rec, validateRouteKey(merged.RouteKey), RouteId);
    validateTarget(rec, merged.Target);
  })) satisfies UpdateRouteResult;
}
