// GetStage: one stage of an API.

import type { GetStageRequest, GetStageResponse } from '@aws-sdk/client-apigatewayv2';
import type { ActionContext } from '../../../service.js';
import { type ApiGatewayState, toStage } from '../state.js';

export function getStage(input: GetStageRequest, ctx: ActionContext<ApiGatewayState>): GetStageResponse {
  return toStage(ctx.state.requireChild(input.ApiId, 'stages', input.StageName)) satisfies GetStageResponse;
}
