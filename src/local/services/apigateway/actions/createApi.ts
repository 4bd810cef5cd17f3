// CreateApi: an HTTP API; "quick create" (Target + RouteKey) also makes the integration, route and $default stage.

import type { CreateApiRequest, CreateApiResponse } from '@aws-sdk/client-apigatewayv2';
import type { ActionContext } from '../../../service.js';
import { putChild } from '../children.js';
import { type ApiGatewayState, newId, type StoredApi, toApi } from '../state.js';
import { badRequest, validateRouteKey } from '../validate.js';

export async function createApi(
  input: CreateApiRequest,
  ctx: ActionContext<ApiGatewayState>,
): Promise<CreateApiResponse> {
  if (!input.Name) throw badRequest('Name is required');
  if (input.ProtocolType !== 'HTTP') {
    throw badRequest(
      `ProtocolType ${String(input.ProtocolType)} is not supported by the faas local cloud; use HTTP`,
    );
  }
  const api: StoredApi = {
    ApiId: newId(10),
    Name: input.Name,
    ProtocolType: 'HTTP',
    Description: input.Description,
    CorsConfiguration: input.CorsConfiguration,
    DisableExecuteApiEndpoint: input.DisableExecuteApiEndpoint ?? false,
    ApiKeySelectionExpression: input.ApiKeySelectionExpression ?? '$request.header.x-api-key',
    RouteSelectionExpression: input.RouteSelectionExpression ?? '$request.method $request.path',
    Version: input.Version,
    Tags: input.Tags ?? {},
    createdAt: ctx.cloud.clock.now(),
  };
  await ctx.cloud.persistence.commit('apigateway', 'putApi', { api });
  if (input.Target) {
    const integrationId = newId(7);
    await putChild(ctx, api.ApiId, 'integrations', integrationId, {
      IntegrationId: integrationId,
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: input.Target,
      PayloadFormatVersion: '2.0',
      TimeoutInMillis: 30000,
      ConnectionType: 'INTERNET',
      IntegrationMethod: 'POST',
    });
    const routeId = newId(7);
    const routeKey = validateRouteKey(input.RouteKey ?? '$default');
    await putChild(ctx, api.ApiId, 'routes', routeId, {
      RouteId: routeId,
      RouteKey: routeKey,
      Target: `integrations/${integrationId}`,
      AuthorizationType: 'NONE',
      ApiKeyRequired: false,
    });
    const now = ctx.cloud.clock.now();
    await putChild(ctx, api.ApiId, 'stages', '$default', {
      StageName: '$default',
      AutoDeploy: true,
      createdAt: now,
      updatedAt: now,
    });
  }
  return toApi(api, ctx.cloud.endpoint) satisfies CreateApiResponse;
}
