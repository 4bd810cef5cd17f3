// GetAuthorizer: one authorizer of an API.

import type { GetAuthorizerRequest, GetAuthorizerResponse } from '@aws-sdk/client-apigatewayv2';
import type { ActionContext } from '../../../service.js';
import type { ApiGatewayState } from '../state.js';

export function getAuthorizer(
  input: GetAuthorizerRequest,
  ctx: ActionContext<ApiGatewayState>,
): GetAuthorizerResponse {
  return ctx.state.requireChild(
    input.ApiId,
    'authorizers',
    input.AuthorizerId,
  ) satisfies GetAuthorizerResponse;
}
