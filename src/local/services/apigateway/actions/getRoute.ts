// GetRoute: one route of an API.

import type { GetRouteRequest, GetRouteResult } from '@aws-sdk/client-apigatewayv2';
import type { ActionContext } from '../../../service.js';
import type { ApiGatewayState } from '../state.js';

export function getRoute(input: GetRouteRequest, ctx: ActionContext<ApiGatewayState>): GetRouteResult {
  return ctx.state.requireChild(input.ApiId, 'routes', input.RouteId) satisfies GetRouteResult;
}
