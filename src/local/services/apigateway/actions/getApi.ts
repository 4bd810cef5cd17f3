// GetApi: one HTTP API by id.

import type { GetApiRequest, GetApiResponse } from '@aws-sdk/client-apigatewayv2';
import type { ActionContext } from '../../../service.js';
import { type ApiGatewayState, toApi } from '../state.js';

export function getApi(input: GetApiRequest, ctx: ActionContext<ApiGatewayState>): GetApiResponse {
  return toApi(ctx.state.requireApi(input.ApiId).api, ctx.cloud.endpoint) satisfies GetApiResponse;
}
