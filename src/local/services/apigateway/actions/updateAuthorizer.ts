// UpdateAuthorizer: merges the given fields and checks the result as a whole.

import type { UpdateAuthorizerRequest, UpdateAuthorizerResponse } from '@aws-sdk/client-apigatewayv2';
import type { ActionContext } from '../../../service.js';
import { validateAuthorizer } from '../authorizers.js';
import { updateChild } from '../children.js';
import type { ApiGatewayState } from '../state.js';

export async function updateAuthorizer(
  input: UpdateAuthorizerRequest,
  ctx: ActionContext<ApiGatewayState>,
): Promise<UpdateAuthorizerResponse> {
  const { ApiId, AuthorizerId, ...changes } = input;
  return (await updateChild(
    ctx,
    ApiId,
    'authorizers',
    AuthorizerId,
    changes,
    validateAuthorizer,
  )) satisfies UpdateAuthorizerResponse;
}
