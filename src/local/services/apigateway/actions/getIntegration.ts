// GetIntegration: one integration of an API.

import type { GetIntegrationRequest, GetIntegrationResult } from '@aws-sdk/client-apigatewayv2';
import type { ActionContext } from '../../../service.js';
import type { ApiGatewayState } from '../state.js';

export function getIntegration(
  input: GetIntegrationRequest,
  ctx: ActionContext<ApiGatewayState>,
): GetIntegrationResult {
  return ctx.state.requireChild(
    input.ApiId,
    'integrations',
    input.IntegrationId,
  ) satisfies GetIntegrationResult;
}
