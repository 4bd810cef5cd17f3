// Shared by the HTTP API authorizer and throttling tests: clients, real Lambda functions allowed to be
// invoked by API Gateway, and a one-route HTTP API in front of a backend function.

import { randomUUID } from 'node:crypto';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateAuthorizerCommand,
  type CreateAuthorizerCommandInput,
  CreateIntegrationCommand,
  type CreateIntegrationCommandInput,
  CreateRouteCommand,
  CreateStageCommand,
  type CreateStageCommandInput,
} from '@aws-sdk/client-apigatewayv2';
import { AddPermissionCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { createActive, uniqueName } from './lambdaHelpers.js';

export const REGION = 'us-east-1';
export const ACCOUNT = '000000000000';

export const apiClient = (endpoint: string): ApiGatewayV2Client =>
  new ApiGatewayV2Client({
    endpoint,
    region: REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });

/** Echoes the integration event back as the JSON body. */
export const BACKEND = 'exports.handler = async (e) => ({ statusCode: 200, body: JSON.stringify(e) });';

/** A function API Gateway may invoke from any API of the account (unless `permit` is false). */
export async function apiFunction(lambda: LambdaClient, source: string, permit = true): Promise<string> {
  const name = uniqueName('apigw-auth');
  const created = await createActive(lambda, name, source);
  if (permit) {
    await lambda.send(
      new AddPermissionCommand({
        FunctionName: name,
        StatementId: 'apigateway',
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        SourceArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:*`,
      }),
    );
  }
  return created.FunctionArn!;
}

export const invokeUri = (fnArn: string): string =>
  `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${fnArn}/invocations`;

export interface ApiSetup {
  apiClient: ApiGatewayV2Client;
  backendArn: string;
  routeKey?: string;
  authorizer?: Partial<CreateAuthorizerCommandInput>;
  integration?: Partial<CreateIntegrationCommandInput>;
  stage?: Partial<CreateStageCommandInput>;
}

/** An HTTP API with one route (default `POST /opsgenie/users/delete`) on the `$default` stage. */
export async function makeApi(
  endpoint: string,
  setup: ApiSetup,
): Promise<{ apiId: string; authorizerId?: string; routeId: string; url: string }> {
  const client = setup.apiClient;
  const api = await client.send(new CreateApiCommand({ Name: `auth-${randomUUID()}`, ProtocolType: 'HTTP' }));
  const apiId = api.ApiId!;
  const integration = await client.send(
    new CreateIntegrationCommand({
      ApiId: apiId,
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: setup.backendArn,
      PayloadFormatVersion: '2.0',
      ...setup.integration,
    }),
  );
  let authorizerId: string | undefined;
  if (setup.authorizer) {
    const created = await client.send(
      new CreateAuthorizerCommand({
        ApiId: apiId,
        Name: 'auth',
        AuthorizerType: 'REQUEST',
        AuthorizerPayloadFormatVersion: '2.0',
        IdentitySource: ['$request.header.x-api-key'],
        ...setup.authorizer,
      } as CreateAuthorizerCommandInput),
    );
    authorizerId = created.AuthorizerId;
  }
  const routeKey = setup.routeKey ?? 'POST /opsgenie/users/delete';
  const route = await client.send(
    new CreateRouteCommand({
      ApiId: apiId,
      RouteKey: routeKey,
      Target: `integrations/${integration.IntegrationId}`,
      ...(authorizerId ? { AuthorizationType: 'CUSTOM', AuthorizerId: authorizerId } : {}),
    }),
  );
  await client.send(new CreateStageCommand({ ApiId: apiId, StageName: '$default', ...setup.stage }));
  return { apiId, authorizerId, routeId: route.RouteId!, url: `${endpoint}/_aws/execute-api/${apiId}` };
}
