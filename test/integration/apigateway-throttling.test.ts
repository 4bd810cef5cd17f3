// HTTP API route throttling: a stage's DefaultRouteSettings and RouteSettings[routeKey] limits as a
// token bucket per stage and route on the cloud clock (time factor 0.01), answered 429 before any
// authorizer or integration runs.

import { type ApiGatewayV2Client, GetStageCommand, UpdateStageCommand } from '@aws-sdk/client-apigatewayv2';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalCloud } from '../helpers/localCloud.js';
import { apiClient, apiFunction, BACKEND, invokeUri, makeApi } from './apigatewayAuthHelpers.js';
import { until } from './esmHelpers.js';
import { lambdaClient } from './lambdaHelpers.js';

let endpoint: string;
let apigw: ApiGatewayV2Client;
let lambda: LambdaClient;
let backend: string;
let unpermitted: string;

useLocalCloud(
  (l) => {
    endpoint = l.endpoint;
    apigw = apiClient(l.endpoint);
    lambda = lambdaClient(l.endpoint);
  },
  { timeFactor: 0.01 },
);

beforeAll(async () => {
  [backend, unpermitted] = await Promise.all([
    apiFunction(lambda, BACKEND),
    apiFunction(lambda, 'exports.handler = async () => ({ isAuthorized: true });', false),
  ]);
}, 120_000);

const post = (url: string) => fetch(`${url}/opsgenie/users/delete`, { method: 'POST', body: '{}' });

describe('route throttling', () => {
  it('lets the burst through, answers 429 beyond it, and admits again once tokens refill', async () => {
    // One token per 100 s of cloud time: 1 s of real time at factor 0.01.
    const { url } = await makeApi(endpoint, {
      apiClient: apigw,
      backendArn: backend,
      stage: { DefaultRouteSettings: { ThrottlingBurstLimit: 2, ThrottlingRateLimit: 0.01 } },
    });
    expect((await post(url)).status).toBe(200);
    expect((await post(url)).status).toBe(200);
    const third = await post(url);
    expect(third.status).toBe(429);
    expect(await third.json()).toEqual({ message: 'Too Many Requests' });
    await until(async () => (await post(url)).status === 200, 'a refilled token');
  });

  it('lets RouteSettings[routeKey] override the stage default', async () => {
    const { url, apiId } = await makeApi(endpoint, {
      apiClient: apigw,
      backendArn: backend,
      stage: { DefaultRouteSettings: { ThrottlingBurstLimit: 0, ThrottlingRateLimit: 0 } },
    });
    expect((await post(url)).status).toBe(429);
    await apigw.send(
      new UpdateStageCommand({
        ApiId: apiId,
        StageName: '$default',
        RouteSettings: { 'POST /opsgenie/users/delete': { ThrottlingBurstLimit: 5 } },
      }),
    );
    const stage = await apigw.send(new GetStageCommand({ ApiId: apiId, StageName: '$default' }));
    expect(stage.RouteSettings?.['POST /opsgenie/users/delete']).toEqual({ ThrottlingBurstLimit: 5 });
    expect(stage.DefaultRouteSettings).toMatchObject({ ThrottlingBurstLimit: 0, ThrottlingRateLimit: 0 });
    expect((await post(url)).status).toBe(200);
  });

  it('throttles before the authorizer runs', async () => {
    // The authorizer may not be invoked (no permission → 500), so a 429 proves it never ran.
    const { url, apiId } = await makeApi(endpoint, {
      apiClient: apigw,
      backendArn: backend,
      authorizer: { AuthorizerUri: invokeUri(unpermitted), EnableSimpleResponses: true },
      stage: { DefaultRouteSettings: { ThrottlingBurstLimit: 0, ThrottlingRateLimit: 0 } },
    });
    const withKey = () =>
      fetch(`${url}/opsgenie/users/delete`, { method: 'POST', headers: { 'x-api-key': 'k' }, body: '{}' });
    expect((await withKey()).status).toBe(429);
    await apigw.send(
      new UpdateStageCommand({
        ApiId: apiId,
        StageName: '$default',
        DefaultRouteSettings: { ThrottlingBurstLimit: 10, ThrottlingRateLimit: 10 },
      }),
    );
    expect((await withKey()).status).toBe(500);
  });
});
