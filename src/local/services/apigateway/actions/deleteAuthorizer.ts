// DeleteAuthorizer: refused while a route still uses it, as on AWS.

import type { DeleteAuthorizerRequest } from '@aws-sdk/client-apigatewayv2';
import type { ActionContext } from '../../../service.js';
import { deleteChild } from '../children.js';
import type { ApiGatewayState } from '../state.js';
import { badRequest } from '../validate.js';

export async function deleteAuthorizer(
  input: DeleteAuthorizerRequest,
  ctx: ActionContext<ApiGatewayState>,
): Promise<object> {
  const authorizer = ctx.state.requireChild(input.ApiId, 'authorizers', input.AuthorizerId);
  const rec = ctx.state.requireApi(input.ApiId);
  const user = Object.values(rec.routes).find((r) => r.AuthorizerId === input.AuthorizerId);
  if (user) {
    throw badRequest(
      `Cannot delete authorizer '${authorizer.Name}', is referenced in route: ${user.RouteKey}`,
    );
  }
  return deleteChild(ctx, input.ApiId, 'authorizers', input.AuthorizerId);
}
