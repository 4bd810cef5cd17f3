// CreateAuthorizer: a Lambda REQUEST authorizer of an HTTP API (payload 1.0 or 2.0, optional
// simple responses and result caching keyed by its identity sources).

import type { CreateAuthorizerRequest, CreateAuthorizerResponse } from '@aws-sdk/client-apigatewayv2';
import type { ActionContext } from '../../../service.js';
import { validateAuthorizer } from '../authorizers.js';
import { putChild } from '../children.js';
import { type ApiGatewayState, type ChildKinds, defined, newId } from '../state.js';

export async function createAuthorizer(
  input: CreateAuthorizerRequest,
  ctx: ActionContext<ApiGatewayState>,
): Promise<CreateAuthorizerResponse> {
  ctx.state.requireApi(input.ApiId);
  const { ApiId, ...fields } = input;
  const id = newId(6);
  const item = {
    AuthorizerResultTtlInSeconds: 0,
    ...(input.AuthorizerPayloadFormatVersion === '2.0' ? { EnableSimpleResponses: false } : {}),
    ...defined(fields),
    AuthorizerId: id,
  } as ChildKinds['authorizers'];
  validateAuthorizer(item);
  return (await putChild(ctx, ApiId!, 'authorizers', id, item)) satisfies CreateAuthorizerResponse;
}
