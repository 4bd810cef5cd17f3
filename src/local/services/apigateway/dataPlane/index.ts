// The HTTP APIs' data plane: plain HTTP at each API's ApiEndpoint, routed to the route's integration.
// Integration kinds are a small table so first-class integrations (SQS-SendMessage) plug in beside Lambda.
// Per request: route throttling (429), then the route's Lambda authorizer, then the integration.

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Cloud } from '../../../cloud.js';
import type { ApiGatewayState, ChildKinds } from '../state.js';
import { Authorizers } from './authorizer.js';
import type { IncomingCall } from './events.js';
import { invokeLambdaProxy } from './lambdaProxy.js';
import { applyResponseParameters } from './responseMapping.js';
import { gatewayError, type HttpAnswer, INTERNAL_ERROR } from './responses.js';
import { locateApi, locateStage, matchRoute } from './router.js';
import { sqsSendMessage } from './sqsSendMessage.js';
import { RouteThrottle } from './throttle.js';

/** HTTP APIs accept request bodies up to 10 MB. */
const MAX_BODY = 10 * 1024 * 1024;

export type IntegrationHandler = (
  cloud: Cloud,
  integration: ChildKinds['integrations'],
  call: IncomingCall,
) => Promise<HttpAnswer>;

/** First-class AWS integrations by IntegrationSubtype (e.g. `SQS-SendMessage`), added by later flows. */
export const integrationSubtypes: Record<string, IntegrationHandler> = {
  'SQS-SendMessage': sqsSendMessage,
};

function pickHandler(integration: ChildKinds['integrations']): IntegrationHandler | undefined {
  if (integration.IntegrationType !== 'AWS_PROXY') return undefined;
  return integration.IntegrationSubtype
    ? integrationSubtypes[integration.IntegrationSubtype]
    : invokeLambdaProxy;
}

interface Guards {
  authorizers: Authorizers;
  throttle: RouteThrottle;
}

export function apiDataPlane(cloud: Cloud, state: ApiGatewayState) {
  const guards: Guards = { authorizers: new Authorizers(cloud), throttle: new RouteThrottle(cloud.clock) };
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const located = locateApi(url.pathname, req.headers.host);
    if (!located) return false;
    const answer = await answer_(cloud, state, guards, req, url, located.apiId, located.path);
    res.statusCode = answer.status;
    for (const [k, v] of Object.entries(answer.headers)) res.setHeader(k, v);
    res.setHeader('content-length', answer.body.length);
    res.end(answer.body);
    return true;
  };
}

async function answer_(
  cloud: Cloud,
  state: ApiGatewayState,
  guards: Guards,
  req: IncomingMessage,
  url: URL,
  apiId: string,
  rawPath: string,
): Promise<HttpAnswer> {
  const rec = state.apis.get(apiId);
  if (!rec || rec.api.DisableExecuteApiEndpoint) return gatewayError(404, 'Not Found');
  const staged = locateStage(rec, rawPath);
  if (!staged) return gatewayError(404, 'Not Found');
  const body = await readLimited(req);
  if (!body) return gatewayError(413, 'Request Entity Too Large');
  const method = req.method ?? 'GET';
  const match = matchRoute(rec, method, staged.path);
  if (!match) return gatewayError(404, 'Not Found');
  const stage = rec.stages[staged.stage]!;
  if (!guards.throttle.take(apiId, stage, match.route.RouteKey!))
    return gatewayError(429, 'Too Many Requests');
  const requestId = randomUUID();
  const call: IncomingCall = {
    method,
    path: staged.path,
    rawQueryString: url.search.slice(1),
    headers: req.headers,
    body,
    sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
    apiId,
    accountId: cloud.accountId,
    stage: staged.stage,
    routeKey: match.route.RouteKey!,
    resourcePath: match.resourcePath,
    pathParameters: match.pathParameters,
    requestId,
    time: new Date(cloud.clock.now()),
    domainName: req.headers.host ?? 'localhost',
  };
  if (match.route.AuthorizationType === 'CUSTOM') {
    const authorizer = rec.authorizers?.[match.route.AuthorizerId ?? ''];
    if (!authorizer) return INTERNAL_ERROR();
    const outcome = await guards.authorizers.authorize(authorizer, call, stage);
    if ('answer' in outcome) return withRequestId(outcome.answer, requestId);
    call.authorizer = outcome.identity;
  }
  const integrationId = /^integrations\/(\w+)$/.exec(match.route.Target ?? '')?.[1];
  const integration = integrationId ? rec.integrations[integrationId] : undefined;
  const handler = integration && pickHandler(integration);
  if (!integration || !handler) {
    cloud.log(`apigateway ${apiId}: route ${match.route.RouteKey} has no supported integration`);
    return INTERNAL_ERROR();
  }
  const answer = applyResponseParameters(
    integration.ResponseParameters,
    await handler(cloud, integration, call),
    call,
  );
  return withRequestId(answer, requestId);
}

function withRequestId(answer: HttpAnswer, requestId: string): HttpAnswer {
  answer.headers['apigw-requestid'] = requestId;
  return answer;
}

/** Reads the body, or undefined when it is over the 10 MB limit. */
async function readLimited(req: IncomingMessage): Promise<Buffer | undefined> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) {
    req.resume();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) {
      req.resume();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
