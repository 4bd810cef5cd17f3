// GetStages: an API's stages, paged.

import type { GetStagesRequest, GetStagesResponse } from '@aws-sdk/client-apigatewayv2';
import type { ActionContext } from '../../../service.js';
import { listChildren } from '../children.js';
import { type ApiGatewayState, toStage } from '../state.js';

export function getStages(input: GetStagesRequest, ctx: ActionContext<ApiGatewayState>): GetStagesResponse {
  const { Items, NextToken } = listChildren(ctx, input.ApiId, 'stages', input.MaxResults, input.NextToken);
  return { Items: Items.map(toStage), NextToken } satisfies GetStagesResponse;
}
