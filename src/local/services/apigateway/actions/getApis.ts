// GetApis: every HTTP API, paged.

import type { GetApisRequest, GetApisResponse } from '@aws-sdk/client-apigatewayv2';
import type { ActionContext } from '../../../service.js';
import { page } from '../children.js';
import { type ApiGatewayState, toApi } from '../state.js';

export function getApis(input: GetApisRequest, ctx: ActionContext<ApiGatewayState>): GetApisResponse {
  const all = [...ctx.state.apis.values()].map((r) => toApi(r.api, ctx.cloud.endpoint));
  return page(all, input.MaxResults, input.NextToken) satisfies GetApisResponse;
}
