// UpdateStage: merges the given fields.

import type { UpdateStageRequest, UpdateStageResponse } from '@aws-sdk/client-apigatewayv2';
import type { ActionContext } from '../../../service.js';
import { updateChild } from '../children.js';
import { type ApiGatewayState, toStage } from '../state.js';

export async function updateStage(
  input: UpdateStageRequest,
  ctx: ActionContext<ApiGatewayState>,
): Promise<UpdateStageResponse> {
  const { ApiId, StageName, ...changes } = input;
  const stage = await updateChild(ctx, ApiId, 'stages', StageName, {
    ...changes,
    updatedAt: ctx.cloud.clock.now(),
  });
  return toStage(stage) satisfies UpdateStageResponse;
}
