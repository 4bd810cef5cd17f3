// UpdateIntegration: merges the given fields, then re-validates the whole integration.

import type { UpdateIntegrationRequest, UpdateIntegrationResult } from '@aws-sdk/client-apigatewayv2';
import type { ActionContext } from '../../../service.js';
import { updateChild } from '../children.js';
import type { ApiGatewayState } from '../state.js';
import { validateIntegration } from '../validate.js';

export async function updateIntegration(
  input: UpdateIntegrationRequest,
  ctx: ActionContext<ApiGatewayState>,
): Promise<UpdateIntegrationResult> {
  const { ApiId, IntegrationId, ...changes } = input;
  return (await updateChild(
    ctx,
    ApiId,
    'integrations',
    IntegrationId,
    changes,
    validateIntegration,
  )) satisfies UpdateIntegrationResult;
}
