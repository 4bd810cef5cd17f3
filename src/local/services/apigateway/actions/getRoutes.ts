// GetRoutes: an API's routes, paged.

import type { GetRoutesRequest, GetRoutesResponse } from '@aws-sdk/client-apigatewayv2';
import type { ActionContext } from '../../../service.js';
import { listChildren } from '../children.js';
import type { ApiGatewayState } from '../state.js';

export function getRoutes(input: GetRoutesRequest, ctx: ActionContext<ApiGatewayState>): GetRoutesResponse {
  return listChildren(
    ctx,
    input.ApiId,
    'routes',
    input.MaxResults,
    input.NextToken,
  ) satisfies GetRoutesResponse;
}
