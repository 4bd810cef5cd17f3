// DeleteRoute: removes one route.

import type { DeleteRouteRequest } from '@aws-sdk/client-apigatewayv2';
import type { ActionContext } from '../../../service.js';
import { deleteChild } from '../children.js';
import type { ApiGatewayState } from '../state.js';

export function deleteRoute(input: DeleteRouteRequest, ctx: ActionContext<ApiGatewayState>): Promise<object> {
  return deleteChild(ctx, input.ApiId, 'routes', input.RouteId);
}
