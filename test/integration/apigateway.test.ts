import { randomUUID } from 'node:crypto';
import {
  ApiGatewayV2Client,
  BadRequestException,
  ConflictException,
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  DeleteApiCommand,
  DeleteIntegrationCommand,
  GetApiCommand,
  GetApisCommand,
  GetRoutesCommand,
  GetStageCommand,
  GetTagsCommand,
  NotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateRouteCommand,
} from '@aws-sdk/client-apigatewayv2';
import { beforeEach, describe, expect, it } from 'vitest';
import { AwsServiceError } from '../../src/local/errors.js';
import type { LocalCloud } from '../../src/local/index.js';
import type {
  InternalInvokeRequest,
  InternalInvokeResult,
} from '../../src/local/services/lambda/internal.js';
import { useLocalCloud } from '../helpers/localCloud.js';

let local: LocalCloud;
let client: ApiGatewayV2Client;
let calls: InternalInvokeRequest[];
let answer: (req: InternalInvokeRequest) => Promise<InternalInvokeResult>;

useLocalCloud((l) => {
  local = l;
  client = new ApiGatewayV2Client({
    endpoint: l.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  // A fake Lambda service: the data plane only needs the in-process invoke contract.
  local.cloud.provide('lambda', {
    invoke: (req) => {
      calls.push(req);
      return answer(req);
    },
    invokeAsync: async () => {},
    authorize: () => {},
  });
});
beforeEach(() => {
  calls = [];
  answer = async (req) => ({
    payload: Buffer.from(
      JSON.stringify({ statusCode: 201, headers: { 'X-Echo': 'yes' }, body: req.payload.toString() }),
    ),
    executedVersion: '1',
  });
});

// biome-ignore lint/suspicious/noExplicitAny: events are checked field by field below
type Json = Record<string, any>;
const json = async (res: Response): Promise<Json> => (await res.json()) as Json;

const FN = 'arn:aws:lambda:us-east-1:000000000000:function:demo-api:live';

async function makeApi(routeKeys: string[], payloadVersion = '2.0', stage = '$default') {
  const api = await client.send(new CreateApiCommand({ Name: `api-${randomUUID()}`, ProtocolType: 'HTTP' }));
  const integration = await client.send(
    new CreateIntegrationCommand({
      ApiId: api.ApiId,
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: FN,
      PayloadFormatVersion: payloadVersion,
    }),
  );
  for (const RouteKey of routeKeys) {
    await client.send(
      new CreateRouteCommand({
        ApiId: api.ApiId,
        RouteKey,
        Target: `integrations/${integration.IntegrationId}`,
      }),
    );
  }
  await client.send(new CreateStageCommand({ ApiId: api.ApiId, StageName: stage, AutoDeploy: true }));
  return api;
}

describe('API Gateway v2 control plane', () => {
  it('creates, reads, lists and deletes an HTTP API with its routes and stage', async () => {
    const api = await makeApi(['POST /events']);
    expect(api.ApiId).toMatch(/^[a-z0-9]{10}$/);
    expect(api.ApiEndpoint).toBe(`${local.endpoint}/_aws/execute-api/${api.ApiId}`);
    const got = await client.send(new GetApiCommand({ ApiId: api.ApiId }));
    expect(got.Name).toBe(api.Name);
    expect(got.CreatedDate).toBeInstanceOf(Date);
    const routes = await client.send(new GetRoutesCommand({ ApiId: api.ApiId }));
    expect(routes.Items?.map((r) => r.RouteKey)).toEqual(['POST /events']);
    const stage = await client.send(new GetStageCommand({ ApiId: api.ApiId, StageName: '$default' }));
    expect(stage.AutoDeploy).toBe(true);
    const all = await client.send(new GetApisCommand({}));
    expect(all.Items?.some((a) => a.ApiId === api.ApiId)).toBe(true);
    await client.send(new DeleteApiCommand({ ApiId: api.ApiId }));
    await expect(client.send(new GetApiCommand({ ApiId: api.ApiId }))).rejects.toBeInstanceOf(
      NotFoundException,
    );
  });

  it('rejects bad input with AWS error codes', async () => {
    const api = await makeApi(['POST /events']);
    await expect(
      client.send(new CreateRouteCommand({ ApiId: api.ApiId, RouteKey: 'POST /events' })),
    ).rejects.toBeInstanceOf(ConflictException);
    await expect(
      client.send(new CreateRouteCommand({ ApiId: api.ApiId, RouteKey: 'FETCH /x' })),
    ).rejects.toThrow(
      "Unable to create route FETCH /x: the route key must be $default or '<METHOD> /<path>'",
    );
    await expect(
      client.send(new CreateRouteCommand({ ApiId: api.ApiId, RouteKey: 'GET /a/{p+}/b' })),
    ).rejects.toBeInstanceOf(BadRequestException);
    await expect(
      client.send(
        new CreateRouteCommand({ ApiId: api.ApiId, RouteKey: 'GET /x', Target: 'integrations/nope' }),
      ),
    ).rejects.toBeInstanceOf(BadRequestException);
    await expect(
      client.send(
        new CreateIntegrationCommand({ ApiId: api.ApiId, IntegrationType: 'AWS_PROXY', IntegrationUri: FN }),
      ),
    ).rejects.toThrow('PayloadFormatVersion must be 1.0 or 2.0 for AWS_PROXY integrations');
    await expect(
      client.send(new CreateStageCommand({ ApiId: api.ApiId, StageName: '$default' })),
    ).rejects.toThrow('Stage $default already exists');
    await expect(client.send(new GetApiCommand({ ApiId: 'missing' }))).rejects.toThrow(
      'Invalid API identifier specified missing',
    );
    const routes = await client.send(new GetRoutesCommand({ ApiId: api.ApiId }));
    const integrationId = routes.Items![0].Target!.split('/')[1];
    await expect(
      client.send(new DeleteIntegrationCommand({ ApiId: api.ApiId, IntegrationId: integrationId })),
    ).rejects.toBeInstanceOf(ConflictException);
    await expect(
      client.send(new UpdateRouteCommand({ ApiId: api.ApiId, RouteId: 'zzz', RouteKey: 'GET /y' })),
    ).rejects.toThrow('Invalid Route identifier specified zzz');
  });

  it('tags APIs', async () => {
    const api = await makeApi(['GET /']);
    const arn = `arn:aws:apigateway:us-east-1::/apis/${api.ApiId}`;
    await client.send(new TagResourceCommand({ ResourceArn: arn, Tags: { 'faas:project': 'demo', a: 'b' } }));
    await client.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['a'] }));
    const tags = await client.send(new GetTagsCommand({ ResourceArn: arn }));
    expect(tags.Tags).toEqual({ 'faas:project': 'demo' });
  });
});

describe('API Gateway v2 data plane', () => {
  it('invokes the Lambda with a payload 2.0 event and maps a structured result', async () => {
    const api = await makeApi(['POST /events']);
    const res = await fetch(`${api.ApiEndpoint}/events?a=1&a=2&b=x`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', token: 'secret', cookie: 'c1=v1; c2=v2' },
      body: JSON.stringify({ hello: 'world' }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-echo')).toBe('yes');
    const event = await json(res);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /events',
      rawPath: '/events',
      rawQueryString: 'a=1&a=2&b=x',
      cookies: ['c1=v1', 'c2=v2'],
      queryStringParameters: { a: '1,2', b: 'x' },
      body: '{"hello":"world"}',
      isBase64Encoded: false,
      requestContext: { apiId: api.ApiId, stage: '$default', http: { method: 'POST', path: '/events' } },
    });
    expect(event.headers.token).toBe('secret');
    expect(event.headers.cookie).toBeUndefined();
    expect(calls[0].principal).toBe('apigateway.amazonaws.com');
    expect(calls[0].sourceArn).toBe(
      `arn:aws:execute-api:us-east-1:000000000000:${api.ApiId}/$default/POST/events`,
    );
    expect(calls[0].functionArn).toBe(FN);
  });

  it('base64-encodes binary bodies and routes path parameters, greedy paths and $default', async () => {
    const api = await makeApi(['GET /items/{id}', 'GET /files/{proxy+}', '$default']);
    answer = async (req) => ({ payload: req.payload, executedVersion: '1' });
    const item = await json(await fetch(`${api.ApiEndpoint}/items/42`));
    expect(item.body).toBeUndefined();
    const itemEvent = JSON.parse(JSON.stringify(item));
    expect(itemEvent.pathParameters).toEqual({ id: '42' });
    const files = await json(await fetch(`${api.ApiEndpoint}/files/a/b/c.txt`));
    expect(files.pathParameters).toEqual({ proxy: 'a/b/c.txt' });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0x00]);
    const other = await json(
      await fetch(`${api.ApiEndpoint}/upload`, {
        method: 'POST',
        headers: { 'content-type': 'image/png' },
        body: png,
      }),
    );
    expect(other.routeKey).toBe('$default');
    expect(other.isBase64Encoded).toBe(true);
    expect(Buffer.from(other.body, 'base64')).toEqual(png);
  });

  it('infers a 200 JSON response for payload 2.0 results without statusCode', async () => {
    const api = await makeApi(['GET /plain']);
    answer = async () => ({ payload: Buffer.from('{"ok":true}'), executedVersion: '1' });
    const res = await fetch(`${api.ApiEndpoint}/plain`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ ok: true });
  });

  it('sends payload 1.0 events and rejects results without statusCode with 502', async () => {
    const api = await makeApi(['GET /v1/{name}'], '1.0', 'prod');
    answer = async (req) => ({
      payload: Buffer.from(JSON.stringify({ statusCode: 200, body: req.payload.toString() })),
      executedVersion: '1',
    });
    const event = await json(await fetch(`${api.ApiEndpoint}/prod/v1/x?q=1&q=2`));
    expect(event).toMatchObject({
      version: '1.0',
      resource: '/v1/{name}',
      path: '/prod/v1/x',
      httpMethod: 'GET',
      pathParameters: { name: 'x' },
      queryStringParameters: { q: '2' },
      multiValueQueryStringParameters: { q: ['1', '2'] },
      requestContext: { stage: 'prod', resourcePath: '/v1/{name}' },
    });
    answer = async () => ({ payload: Buffer.from('{"no":"status"}'), executedVersion: '1' });
    const bad = await fetch(`${api.ApiEndpoint}/prod/v1/x`);
    expect(bad.status).toBe(502);
    expect(await bad.json()).toEqual({ message: 'Internal Server Error' });
    expect((await fetch(`${api.ApiEndpoint}/v1/x`)).status).toBe(404);
  });

  it('answers like AWS when the function fails, is not permitted, or the route is missing', async () => {
    const api = await makeApi(['POST /events']);
    answer = async () => ({
      payload: Buffer.from('{"errorMessage":"boom"}'),
      functionError: 'Unhandled',
      executedVersion: '1',
    });
    const failed = await fetch(`${api.ApiEndpoint}/events`, { method: 'POST', body: '{}' });
    expect(failed.status).toBe(502);
    answer = async () => {
      throw new AwsServiceError('AccessDeniedException', 'not allowed', 403);
    };
    const denied = await fetch(`${api.ApiEndpoint}/events`, { method: 'POST', body: '{}' });
    expect(denied.status).toBe(500);
    expect(await denied.json()).toEqual({ message: 'Internal Server Error' });
    const missing = await fetch(`${api.ApiEndpoint}/nothing-here`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: 'Not Found' });
    const unknownApi = await fetch(`${local.endpoint}/_aws/execute-api/zzzzzzzzzz/events`);
    expect(unknownApi.status).toBe(404);
  });

  it('refuses bodies over 10 MB with 413', async () => {
    const api = await makeApi(['POST /events']);
    const res = await fetch(`${api.ApiEndpoint}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.alloc(10 * 1024 * 1024 + 1),
    });
    expect(res.status).toBe(413);
    expect(calls).toHaveLength(0);
  });
});
