// DeleteStage: removes one stage; the API stops answering under it.

import type { DeleteStageRequest } from '@aws-sdk/client-apigatewayv2';
import type { ActionContext } from '../../../service.js';
import { deleteChild } from '../children.js';
import type { ApiGatewayState } from '../state.js';

export function deleteStage(input: DeleteStageRequest, ctx: ActionContext<ApiGatewayState>): Promise<object> {
  return deleteChild(ctx, input.ApiId, 'stages', input.StageName);
}
