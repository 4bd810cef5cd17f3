// Builds exactly the event AWS sends a Lambda proxy integration, for payload format 1.0 and 2.0.

import type { IncomingHttpHeaders } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';

export interface IncomingCall {
  method: string;
  /** The path the route saw (stage prefix removed), raw. */
  path: string;
  rawQueryString: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  sourceIp: string;
  apiId: string;
  accountId: string;
  stage: string;
  routeKey: string;
  resourcePath: string;
  pathParameters: Record<string, string>;
  requestId: string;
  time: Date;
  domainName: string;
  /** Set once a Lambda authorizer allowed the request: its `context` and (policy responses) principalId. */
  authorizer?: AuthorizerIdentity;
}

export interface AuthorizerIdentity {
  context: Record<string, unknown>;
  principalId?: string;
}

const TEXT_TYPES =
  /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded|graphql)$)|[+/](json|xml)$/;

/** HTTP APIs base64-encode bodies whose media type is not textual. */
export function isBinary(headers: IncomingHttpHeaders, body: Buffer): boolean {
  const type = String(headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  if (type) return !TEXT_TYPES.test(type);
  return !isUtf8(body);
}

const isUtf8 = (b: Buffer): boolean => Buffer.from(b.toString('utf8'), 'utf8').equals(b);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

/** AWS's requestContext time: `12/Mar/2020:19:03:58 +0000`. */
export const clfTime = (d: Date): string =>
  `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;

function singleHeaders(headers: IncomingHttpHeaders, skipCookie: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined || (skipCookie && k === 'cookie')) continue;
    out[k] = Array.isArray(v) ? v.join(',') : v;
  }
  return out;
}

function queryMulti(raw: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] ??= [];
    out[k].push(v);
  }
  return out;
}

function bodyOf(call: IncomingCall): { body?: string; isBase64Encoded: boolean } {
  if (call.body.length === 0) return { isBase64Encoded: false };
  return isBinary(call.headers, call.body)
    ? { body: call.body.toString('base64'), isBase64Encoded: true }
    : { body: call.body.toString('utf8'), isBase64Encoded: false };
}

export function eventV2(call: IncomingCall): APIGatewayProxyEventV2 {
  const multi = queryMulti(call.rawQueryString);
  const cookieHeader = call.headers.cookie;
  const cookies = cookieHeader ? String(cookieHeader).split(/;\s*/).filter(Boolean) : undefined;
  const userAgent = String(call.headers['user-agent'] ?? '');
  const { body, isBase64Encoded } = bodyOf(call);
  return {
    version: '2.0',
    routeKey: call.routeKey,
    rawPath: call.stage === '$default' ? call.path : `/${call.stage}${call.path}`,
    rawQueryString: call.rawQueryString,
    ...(cookies ? { cookies } : {}),
    headers: singleHeaders(call.headers, true),
    ...(Object.keys(multi).length > 0
      ? { queryStringParameters: Object.fromEntries(Object.entries(multi).map(([k, v]) => [k, v.join(',')])) }
      : {}),
    requestContext: {
      accountId: call.accountId,
      apiId: call.apiId,
      domainName: call.domainName,
      domainPrefix: call.apiId,
      http: {
        method: call.method,
        path: call.path,
        protocol: 'HTTP/1.1',
        sourceIp: call.sourceIp,
        userAgent,
      },
      requestId: call.requestId,
      routeKey: call.routeKey,
      stage: call.stage,
      time: clfTime(call.time),
      timeEpoch: call.time.getTime(),
      // Payload 2.0 nests a Lambda authorizer's context under `authorizer.lambda`.
      ...(call.authorizer ? { authorizer: { lambda: call.authorizer.context } } : {}),
    } as APIGatewayProxyEventV2['requestContext'],
    ...(Object.keys(call.pathParameters).length > 0 ? { pathParameters: call.pathParameters } : {}),
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded,
  };
}

/** Payload 1.0 carries `version: '1.0'`, which the aws-lambda REST event type does not declare. */
export function eventV1(call: IncomingCall): APIGatewayProxyEvent & { version: '1.0' } {
  const multiQuery = queryMulti(call.rawQueryString);
  const multiHeaders: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(call.headers))
    if (v !== undefined) multiHeaders[k] = Array.isArray(v) ? v : [v];
  const hasQuery = Object.keys(multiQuery).length > 0;
  const { body, isBase64Encoded } = bodyOf(call);
  const path = call.stage === '$default' ? call.path : `/${call.stage}${call.path}`;
  return {
    version: '1.0',
    resource: call.resourcePath === '$default' ? '/$default' : call.resourcePath,
    path,
    httpMethod: call.method,
    headers: singleHeaders(call.headers, false),
    multiValueHeaders: multiHeaders,
    queryStringParameters: hasQuery
      ? Object.fromEntries(Object.entries(multiQuery).map(([k, v]) => [k, v[v.length - 1]]))
      : null,
    multiValueQueryStringParameters: hasQuery ? multiQuery : null,
    requestContext: {
      accountId: call.accountId,
      apiId: call.apiId,
      domainName: call.domainName,
      domainPrefix: call.apiId,
      extendedRequestId: call.requestId,
      httpMethod: call.method,
      identity: {
        accessKey: null,
        accountId: null,
        caller: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: call.sourceIp,
        user: null,
        userAgent: String(call.headers['user-agent'] ?? ''),
        userArn: null,
        apiKey: null,
        apiKeyId: null,
        clientCert: null,
      },
      path,
      protocol: 'HTTP/1.1',
      requestId: call.requestId,
      requestTime: clfTime(call.time),
      requestTimeEpoch: call.time.getTime(),
      resourceId: call.routeKey,
      resourcePath: call.resourcePath,
      stage: call.stage,
      // Payload 1.0 spreads the authorizer's context into `authorizer`, as REST APIs do.
      authorizer: call.authorizer
        ? {
            ...call.authorizer.context,
            ...(call.authorizer.principalId !== undefined
              ? { principalId: call.authorizer.principalId }
              : {}),
            integrationLatency: 0,
          }
        : null,
    } as unknown as APIGatewayProxyEvent['requestContext'],
    pathParameters: Object.keys(call.pathParameters).length > 0 ? call.pathParameters : null,
    stageVariables: null,
    body: body ?? null,
    isBase64Encoded,
  };
}
