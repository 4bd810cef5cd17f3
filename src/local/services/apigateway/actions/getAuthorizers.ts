// GetAuthorizers: an API's authorizers, paged.

import type { GetAuthorizersRequest, GetAuthorizersResponse } from '@aws-sdk/client-apigatewayv2';
import type { ActionContext } from '../../../service.js';
import { listChildren } from '../children.js';
import type { ApiGatewayState } from '../state.js';

export function getAuthorizers(
  input: GetAuthorizersRequest,
  ctx: ActionContext<ApiGatewayState>,
): GetAuthorizersResponse {
  return listChildren(
    ctx,
    input.ApiId,
    'authorizers',
    input.MaxResults,
    input.NextToken,
  ) satisfies GetAuthorizersResponse;
}
