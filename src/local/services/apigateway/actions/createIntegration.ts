// CreateIntegration: AWS_PROXY to a Lambda (payload 1.0 or 2.0) or a first-class AWS integration subtype.

import type { CreateIntegrationRequest, CreateIntegrationResult } from '@aws-sdk/client-apigatewayv2';
import type { ActionContext } from '../../../service.js';
import { putChild } from '../children.js';
import { type ApiGatewayState, type ChildKinds, defined, newId } from '../state.js';
import { validateIntegration } from '../validate.js';

export async function createIntegration(
  input: CreateIntegrationRequest,
  ctx: ActionContext<ApiGatewayState>,
): Promise<CreateIntegrationResult> {
  ctx.state.requireApi(input.ApiId);
  const { ApiId, ...fields } = input;
  const id = newId(7);
  const item = {
    ConnectionType: 'INTERNET',
    IntegrationMethod:
      input.IntegrationType === 'AWS_PROXY' && !input.IntegrationSubtype ? 'POST' : undefined,
    TimeoutInMillis: 30000,
    ...defined(fields),
    IntegrationId: id,
  } as ChildKinds['integrations'];
  validateIntegration(item);
  return (await putChild(ctx, ApiId!, 'integrations', id, item)) satisfies CreateIntegrationResult;
}
