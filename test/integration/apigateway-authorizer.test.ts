// HTTP API Lambda REQUEST authorizers: the control plane (CreateAuthorizer … DeleteAuthorizer and a
// route's AuthorizationType/AuthorizerId with their errors) and the data plane (simple and IAM
// policy responses, 401/403/500, the context handed to the backend, result caching).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ApiGatewayV2Client,
  CreateApiCommand,
  CreateAuthorizerCommand,
  type CreateAuthorizerCommandInput,
  CreateRouteCommand,
  DeleteAuthorizerCommand,
  GetAuthorizerCommand,
  GetAuthorizersCommand,
  GetRouteCommand,
  UpdateAuthorizerCommand,
  UpdateRouteCommand,
} from '@aws-sdk/client-apigatewayv2';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud } from '../../src/local/index.js';
import { useLocalCloud } from '../helpers/localCloud.js';
import { ACCOUNT, apiClient, apiFunction, BACKEND, invokeUri, makeApi } from './apigatewayAuthHelpers.js';
import { expectError } from './esmHelpers.js';
import { lambdaClient } from './lambdaHelpers.js';

let endpoint: string;
let apigw: ApiGatewayV2Client;
let lambda: LambdaClient;
const fns: Record<string, string> = {};

useLocalCloud((l) => {
  endpoint = l.endpoint;
  apigw = apiClient(l.endpoint);
  lambda = lambdaClient(l.endpoint);
});

/** Counts its invocations in `context.n` (one warm environment serves these serial requests). */
const SIMPLE = `let n = 0;
exports.handler = async (e) => {
  n++;
  const key = e.identitySource[0];
  return { isAuthorized: key.startsWith('good'), context: { user: 'u-' + key, n, type: e.type, routeArn: e.routeArn } };
};`;

/** `deny` → explicit Deny; `elsewhere` → Allow on another route only; else Allow on POST routes. */
const POLICY = `exports.handler = async (e) => {
  const key = String(e.identitySource).split(',')[0];
  const base = (e.routeArn || e.methodArn).split('/')[0];
  return {
    principalId: 'p-' + key,
    policyDocument: { Version: '2012-10-17', Statement: [{
      Action: 'execute-api:Invoke',
      Effect: key === 'deny' ? 'Deny' : 'Allow',
      Resource: key === 'elsewhere' ? base + '/*/GET/other' : base + '/*/POST/*',
    }] },
    context: { tier: 'gold', seen: e.type + ' ' + (e.methodArn ? 'methodArn' : 'routeArn') },
  };
};`;

beforeAll(async () => {
  [fns.backend, fns.simple, fns.policy, fns.thrower, fns.unpermitted] = await Promise.all([
    apiFunction(lambda, BACKEND),
    apiFunction(lambda, SIMPLE),
    apiFunction(lambda, POLICY),
    apiFunction(lambda, "exports.handler = async () => { throw new Error('boom'); };"),
    apiFunction(lambda, SIMPLE, false),
  ]);
}, 120_000);

const call = (url: string, key?: string) =>
  fetch(`${url}/opsgenie/users/delete`, {
    method: 'POST',
    headers: key === undefined ? {} : { 'x-api-key': key },
    body: '{}',
  });

// biome-ignore lint/suspicious/noExplicitAny: events are checked field by field
type Json = Record<string, any>;
const json = async (res: Response): Promise<Json> => (await res.json()) as Json;

describe('simple responses (payload 2.0)', () => {
  const simple = () => ({ AuthorizerUri: invokeUri(fns.simple), EnableSimpleResponses: true });

  it('allows, handing the context to the backend as requestContext.authorizer.lambda', async () => {
    const { url, apiId } = await makeApi(endpoint, {
      apiClient: apigw,
      backendArn: fns.backend,
      authorizer: simple(),
    });
    const res = await call(url, 'good-1');
    expect(res.status).toBe(200);
    const event = await json(res);
    const context = event.requestContext.authorizer.lambda;
    expect(context).toMatchObject({ user: 'u-good-1', type: 'REQUEST' });
    expect(context.routeArn).toBe(
      `arn:aws:execute-api:us-east-1:${ACCOUNT}:${apiId}/$default/POST/opsgenie/users/delete`,
    );
  });

  it('denies with 403 Forbidden', async () => {
    const { url } = await makeApi(endpoint, {
      apiClient: apigw,
      backendArn: fns.backend,
      authorizer: simple(),
    });
    const res = await call(url, 'bad');
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ message: 'Forbidden' });
  });

  it('answers 401 without invoking the authorizer when an identity source is missing', async () => {
    const { url } = await makeApi(endpoint, {
      apiClient: apigw,
      backendArn: fns.backend,
      authorizer: simple(),
    });
    const before = (await json(await call(url, 'good-a'))).requestContext.authorizer.lambda.n;
    const res = await call(url);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: 'Unauthorized' });
    const after = (await json(await call(url, 'good-b'))).requestContext.authorizer.lambda.n;
    expect(after).toBe(before + 1);
  });

  it('caches the decision per identity for the TTL', async () => {
    const { url } = await makeApi(endpoint, {
      apiClient: apigw,
      backendArn: fns.backend,
      authorizer: { ...simple(), AuthorizerResultTtlInSeconds: 300 },
    });
    const first = (await json(await call(url, 'good-c'))).requestContext.authorizer.lambda;
    const second = (await json(await call(url, 'good-c'))).requestContext.authorizer.lambda;
    expect(second).toEqual(first);
    const other = (await json(await call(url, 'good-d'))).requestContext.authorizer.lambda;
    expect(other.n).toBe(first.n + 1);
  });

  it('makes $context.authorizer.<key> available to parameter mapping', async () => {
    const { url } = await makeApi(endpoint, {
      apiClient: apigw,
      backendArn: fns.backend,
      authorizer: simple(),
      integration: {
        ResponseParameters: { '200': { 'overwrite:header.x-user': '$context.authorizer.user' } },
      },
    });
    const res = await call(url, 'good-e');
    expect(res.headers.get('x-user')).toBe('u-good-e');
  });
});

describe('IAM policy responses', () => {
  const policy = (version = '2.0') => ({
    AuthorizerUri: invokeUri(fns.policy),
    AuthorizerPayloadFormatVersion: version,
  });

  it('allows when a statement allows execute-api:Invoke on the route (wildcards)', async () => {
    const { url } = await makeApi(endpoint, {
      apiClient: apigw,
      backendArn: fns.backend,
      authorizer: policy(),
    });
    const res = await call(url, 'ok');
    expect(res.status).toBe(200);
    expect((await json(res)).requestContext.authorizer.lambda).toEqual({
      tier: 'gold',
      seen: 'REQUEST routeArn',
    });
  });

  it('answers 403 on an explicit Deny and on an Allow for another route only', async () => {
    const { url } = await makeApi(endpoint, {
      apiClient: apigw,
      backendArn: fns.backend,
      authorizer: policy(),
    });
    for (const key of ['deny', 'elsewhere']) {
      const res = await call(url, key);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ message: 'Forbidden' });
    }
  });

  it('payload 1.0: methodArn event, context spread into requestContext.authorizer', async () => {
    const { url } = await makeApi(endpoint, {
      apiClient: apigw,
      backendArn: fns.backend,
      authorizer: policy('1.0'),
      integration: { PayloadFormatVersion: '1.0' },
    });
    const res = await call(url, 'ok');
    expect(res.status).toBe(200);
    expect((await json(res)).requestContext.authorizer).toMatchObject({
      tier: 'gold',
      seen: 'REQUEST methodArn',
      principalId: 'p-ok',
    });
  });
});

describe('authorizer failures answer 500', () => {
  it('when the authorizer throws', async () => {
    const { url } = await makeApi(endpoint, {
      apiClient: apigw,
      backendArn: fns.backend,
      authorizer: { AuthorizerUri: invokeUri(fns.thrower), EnableSimpleResponses: true },
    });
    const res = await call(url, 'good');
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ message: 'Internal Server Error' });
  });

  it('when API Gateway may not invoke the authorizer, and when a simple response is malformed', async () => {
    const noPermission = await makeApi(endpoint, {
      apiClient: apigw,
      backendArn: fns.backend,
      authorizer: { AuthorizerUri: invokeUri(fns.unpermitted), EnableSimpleResponses: true },
    });
    expect((await call(noPermission.url, 'good')).status).toBe(500);
    // The policy function answers a policy, not { isAuthorized }: malformed for simple responses.
    const malformed = await makeApi(endpoint, {
      apiClient: apigw,
      backendArn: fns.backend,
      authorizer: { AuthorizerUri: invokeUri(fns.policy), EnableSimpleResponses: true },
    });
    const res = await call(malformed.url, 'ok');
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ message: 'Internal Server Error' });
  });
});

describe('authorizer control plane', () => {
  const base = (apiId: string): CreateAuthorizerCommandInput => ({
    ApiId: apiId,
    Name: 'auth',
    AuthorizerType: 'REQUEST',
    AuthorizerUri: invokeUri(fns.simple),
    AuthorizerPayloadFormatVersion: '2.0',
    IdentitySource: ['$request.header.x-api-key'],
  });
  const newApi = async () =>
    (await apigw.send(new CreateApiCommand({ Name: 'cp', ProtocolType: 'HTTP' }))).ApiId!;

  it('creates, gets, lists and updates an authorizer', async () => {
    const apiId = await newApi();
    const created = await apigw.send(
      new CreateAuthorizerCommand({ ...base(apiId), EnableSimpleResponses: true }),
    );
    expect(created).toMatchObject({
      Name: 'auth',
      AuthorizerType: 'REQUEST',
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      AuthorizerResultTtlInSeconds: 0,
      IdentitySource: ['$request.header.x-api-key'],
    });
    const id = created.AuthorizerId!;
    expect((await apigw.send(new GetAuthorizerCommand({ ApiId: apiId, AuthorizerId: id }))).Name).toBe(
      'auth',
    );
    const listed = await apigw.send(new GetAuthorizersCommand({ ApiId: apiId }));
    expect(listed.Items?.map((a) => a.AuthorizerId)).toEqual([id]);
    const updated = await apigw.send(
      new UpdateAuthorizerCommand({ ApiId: apiId, AuthorizerId: id, AuthorizerResultTtlInSeconds: 60 }),
    );
    expect(updated).toMatchObject({ AuthorizerResultTtlInSeconds: 60, Name: 'auth' });
  });

  it.each([
    [{ AuthorizerType: 'JWT' }, 'JWT authorizers are not supported by the local cloud'],
    [{ AuthorizerType: 'TOKEN' }, 'Invalid authorizer type TOKEN. Valid values are REQUEST and JWT'],
    [
      { AuthorizerUri: 'arn:aws:lambda:us-east-1:000000000000:function:f' },
      'Invalid Authorizer URI: arn:aws:lambda:us-east-1:000000000000:function:f. Authorizer URI should be a valid API Gateway ARN that represents a Lambda function invocation.',
    ],
    [
      { AuthorizerPayloadFormatVersion: undefined },
      'AuthorizerPayloadFormatVersion is required for REQUEST authorizers',
    ],
    [
      { AuthorizerPayloadFormatVersion: '3.0' },
      'Invalid authorizer payload format version 3.0. Valid values are 1.0 and 2.0',
    ],
    [
      { AuthorizerPayloadFormatVersion: '1.0', EnableSimpleResponses: true },
      'EnableSimpleResponses is only supported for authorizers with payload format version 2.0',
    ],
    [{ AuthorizerResultTtlInSeconds: 3601 }, 'AuthorizerResultTtlInSeconds must be between 0 and 3600'],
    [
      { IdentitySource: ['header.x-api-key'] },
      'Invalid identity source: header.x-api-key. Identity sources must be $request.header.<name>, $request.querystring.<name>, $context.<variable> or $stageVariables.<name>',
    ],
    [
      { IdentitySource: [], AuthorizerResultTtlInSeconds: 300 },
      'Identity source is required when authorizer caching is enabled',
    ],
  ] as [Partial<CreateAuthorizerCommandInput>, string][])('refuses %j', async (change, message) => {
    const apiId = await newApi();
    await expectError(
      apigw.send(new CreateAuthorizerCommand({ ...base(apiId), ...change } as CreateAuthorizerCommandInput)),
      'BadRequestException',
      400,
      message,
    );
  });

  it('answers NotFoundException for an unknown API or authorizer, and checks updates', async () => {
    await expectError(
      apigw.send(new CreateAuthorizerCommand(base('nope'))),
      'NotFoundException',
      404,
      'Invalid API identifier specified nope',
    );
    const apiId = await newApi();
    await expectError(
      apigw.send(new GetAuthorizerCommand({ ApiId: apiId, AuthorizerId: 'zzz' })),
      'NotFoundException',
      404,
      'Invalid Authorizer identifier specified zzz',
    );
    const { AuthorizerId } = await apigw.send(new CreateAuthorizerCommand(base(apiId)));
    await expectError(
      apigw.send(
        new UpdateAuthorizerCommand({ ApiId: apiId, AuthorizerId, AuthorizerResultTtlInSeconds: -1 }),
      ),
      'BadRequestException',
      400,
      'AuthorizerResultTtlInSeconds must be between 0 and 3600',
    );
  });

  it('validates a route authorization and refuses to delete an authorizer in use', async () => {
    const apiId = await newApi();
    const { AuthorizerId } = await apigw.send(new CreateAuthorizerCommand(base(apiId)));
    const route = (extra: object) =>
      apigw.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /x', ...extra }));
    await expectError(
      route({ AuthorizationType: 'BOGUS' }),
      'BadRequestException',
      400,
      'Invalid authorization type BOGUS. Valid values are NONE, CUSTOM, JWT and AWS_IAM',
    );
    await expectError(
      route({ AuthorizationType: 'CUSTOM' }),
      'BadRequestException',
      400,
      'AuthorizerId is required for authorization type CUSTOM',
    );
    await expectError(
      route({ AuthorizationType: 'CUSTOM', AuthorizerId: 'nope99' }),
      'BadRequestException',
      400,
      'Invalid authorizer identifier specified nope99',
    );
    const created = await route({ AuthorizationType: 'CUSTOM', AuthorizerId });
    expect(created).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId });
    await expectError(
      apigw.send(new DeleteAuthorizerCommand({ ApiId: apiId, AuthorizerId })),
      'BadRequestException',
      400,
      "Cannot delete authorizer 'auth', is referenced in route: GET /x",
    );
    await apigw.send(
      new UpdateRouteCommand({ ApiId: apiId, RouteId: created.RouteId, AuthorizationType: 'NONE' }),
    );
    const got = await apigw.send(new GetRouteCommand({ ApiId: apiId, RouteId: created.RouteId }));
    expect(got.AuthorizationType).toBe('NONE');
    expect(got.AuthorizerId).toBeUndefined();
    await apigw.send(new DeleteAuthorizerCommand({ ApiId: apiId, AuthorizerId }));
    expect((await apigw.send(new GetAuthorizersCommand({ ApiId: apiId }))).Items).toEqual([]);
  });

  it('keeps authorizers and route authorization across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'faas-apigw-auth-'));
    try {
      const first = await startLocalCloud({ port: 0, dataDir });
      const c1 = apiClient(first.endpoint);
      const apiId = (await c1.send(new CreateApiCommand({ Name: 'durable', ProtocolType: 'HTTP' }))).ApiId!;
      const { AuthorizerId } = await c1.send(new CreateAuthorizerCommand(base(apiId)));
      const { RouteId } = await c1.send(
        new CreateRouteCommand({
          ApiId: apiId,
          RouteKey: 'GET /x',
          AuthorizationType: 'CUSTOM',
          AuthorizerId,
        }),
      );
      await first.stop();
      const second = await startLocalCloud({ port: 0, dataDir });
      try {
        const c2 = apiClient(second.endpoint);
        expect((await c2.send(new GetAuthorizerCommand({ ApiId: apiId, AuthorizerId }))).Name).toBe('auth');
        expect(await c2.send(new GetRouteCommand({ ApiId: apiId, RouteId }))).toMatchObject({
          AuthorizationType: 'CUSTOM',
          AuthorizerId,
        });
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
