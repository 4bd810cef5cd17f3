// CreateRoute: `METHOD /path` or `$default`, unique per API, targeting one of the API's integrations,
// optionally guarded by one of the API's authorizers (AuthorizationType CUSTOM + AuthorizerId).

import type { CreateRouteRequest, CreateRouteResult } from '@aws-sdk/client-apigatewayv2';
import type { ActionContext } from '../../../service.js';
import { validateRouteAuthorization } from '../authorizers.js';
import { putChild } from '../children.js';
import { type ApiGatewayState, type ChildKinds, defined, newId } from '../state.js';
import { ensureUniqueRouteKey, validateRouteKey, validateTarget } from '../validate.js';

export async function createRoute(
  input: CreateRouteRequest,
  ctx: ActionContext<ApiGatewayState>,
): Promise<CreateRouteResult> {
  const rec = ctx.state.requireApi(input.ApiId);
  const routeKey = validateRouteKey(input.RouteKey);
  ensureUniqueRouteKey(rec, routeKey);
  validateTarget(rec, input.Target);
  const { ApiId, ...fields } = input;
  const id = newId(7);
  const item = validateRouteAuthorization(rec, {
    AuthorizationType: 'NONE',
    ApiKeyRequired: false,
    ...defined(fields),
    RouteKey: routeKey,
    RouteId: id,
  } as ChildKinds['routes']);
  return (await putChild(ctx, ApiId!, 'routes', id, item)) satisfies CreateRouteResult;
}
