// GetIntegrations: an API's integrations, paged.

import type { GetIntegrationsRequest, GetIntegrationsResponse } from '@aws-sdk/client-apigatewayv2';
import type { ActionContext } from '../../../service.js';
import { listChildren } from '../children.js';
import type { ApiGatewayState } from '../state.js';

export function getIntegrations(
  input: GetIntegrationsRequest,
  ctx: ActionContext<ApiGatewayState>,
): GetIntegrationsResponse {
  return listChildren(
    ctx,
    input.ApiId,
    'integrations',
    input.MaxResults,
    input.NextToken,
  ) satisfies GetIntegrationsResponse;
}
