// DeleteApi: removes the API with its routes, integrations and stages.

import type { DeleteApiRequest } from '@aws-sdk/client-apigatewayv2';
import type { ActionContext } from '../../../service.js';
import type { ApiGatewayState } from '../state.js';

export async function deleteApi(
  input: DeleteApiRequest,
  ctx: ActionContext<ApiGatewayState>,
): Promise<object> {
  ctx.state.requireApi(input.ApiId);
  await ctx.cloud.persistence.commit('apigateway', 'deleteApi', { apiId: input.ApiId });
  return {};
}
