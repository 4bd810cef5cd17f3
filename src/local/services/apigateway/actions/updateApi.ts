// UpdateApi: merges the given fields into the API.

import type { UpdateApiRequest, UpdateApiResponse } from '@aws-sdk/client-apigatewayv2';
import type { ActionContext } from '../../../service.js';
import { type ApiGatewayState, defined, type StoredApi, toApi } from '../state.js';

export async function updateApi(
  input: UpdateApiRequest,
  ctx: ActionContext<ApiGatewayState>,
): Promise<UpdateApiResponse> {
  const current = ctx.state.requireApi(input.ApiId).api;
  const { ApiId: _id, Target: _t, RouteKey: _r, CredentialsArn: _c, ...changes } = input;
  const api: StoredApi = { ...current, ...defined(changes) };
  await ctx.cloud.persistence.commit('apigateway', 'putApi', { api });
  return toApi(api, ctx.cloud.endpoint) satisfies UpdateApiResponse;
}
