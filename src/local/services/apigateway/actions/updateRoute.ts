// UpdateRoute: merges the given fields; the route key stays unique, the target and authorizer valid.

import type { UpdateRouteRequest, UpdateRouteResult } from '@aws-sdk/client-apigatewayv2';
import type { ActionContext } from '../../../service.js';
import { validateRouteAuthorization } from '../authorizers.js';
import { putChild } from '../children.js';
import { type ApiGatewayState, type ChildKinds, defined } from '../state.js';
import { ensureUniqueRouteKey, validateRouteKey, validateTarget } from '../validate.js';

export async function updateRoute(
  input: UpdateRouteRequest,
  ctx: ActionContext<ApiGatewayState>,
): Promise<UpdateRouteResult> {
  const { ApiId, RouteId, ...changes } = input;
  const rec = ctx.state.requireApi(ApiId);
  const current = ctx.state.requireChild(ApiId, 'routes', RouteId);
  const merged = { ...current, ...defined(changes) } as ChildKinds['routes'];
  ensureUniqueRouteKey(rec, validateRouteKey(merged.RouteKey), RouteId);
  validateTarget(rec, merged.Target);
  // Normalising may drop the AuthorizerId (route moved to NONE), so the merge is stored whole.
  const route = validateRouteAuthorization(rec, merged);
  return (await putChild(ctx, ApiId!, 'routes', RouteId!, route)) satisfies UpdateRouteResult;
}
