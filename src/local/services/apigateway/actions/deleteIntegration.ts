// DeleteIntegration: refused while a route still targets it, as on AWS.

import type { DeleteIntegrationRequest } from '@aws-sdk/client-apigatewayv2';
import { AwsServiceError } from '../../../errors.js';
import type { ActionContext } from '../../../service.js';
import { deleteChild } from '../children.js';
import type { ApiGatewayState } from '../state.js';

export async function deleteIntegration(
  input: DeleteIntegrationRequest,
  ctx: ActionContext<ApiGatewayState>,
): Promise<object> {
  const rec = ctx.state.requireApi(input.ApiId);
  const user = Object.values(rec.routes).find((r) => r.Target === `integrations/${input.IntegrationId}`);
  if (user) {
    throw new AwsServiceError(
      'ConflictException',
      `Integration ${input.IntegrationId} is in use by route ${user.RouteId}`,
      409,
    );
  }
  return deleteChild(ctx, input.ApiId, 'integrations', input.IntegrationId);
}
