// A tiny HTTP router for Lambda handlers (Powertools' event-handler is not a dependency): one
// normalized request shape built from API Gateway payload 1.0, payload 2.0 or anything else (an
// SQS record rebuilt into the request it was), matched against `METHOD /path/{param}/{proxy+}`.

import type {
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyResult,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';

export interface HttpRequest {
  method: string;
  path: string;
  /** Lower-cased names. */
  headers: Record<string, string>;
  query: Record<string, string>;
  /** Decoded text (base64 bodies are decoded). */
  body: string;
  params: Record<string, string>;
}

export interface HttpResult {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export type RouteHandler = (request: HttpRequest) => Promise<HttpResult> | HttpResult;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: RouteHandler;
}

export class Router {
  private readonly routes: Route[] = [];

  /** `path` segments: literal, `{name}`, or a final `{name+}` (the rest of the path). */
  add(method: string, path: string, handler: RouteHandler): this {
    const names: string[] = [];
    const source = path
      .split('/')
      .map((segment) => {
        const greedy = /^\{(\w+)\+\}$/.exec(segment);
        if (greedy) {
          names.push(greedy[1]!);
          return '(.+)';
        }
        const param = /^\{(\w+)\}$/.exec(segment);
        if (param) {
          names.push(param[1]!);
          return '([^/]+)';
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), names, handler });
    return this;
  }

  /** 404 when no path matches, 405 when the path matches another method only. */
  async handle(request: Omit<HttpRequest, 'params'>): Promise<HttpResult> {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(request.path);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== request.method) continue;
      const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
      return route.handler({ ...request, params });
    }
    return pathMatched
      ? json(405, { error: { code: 'MethodNotAllowed', message: `${request.method} ${request.path}` } })
      : json(404, { error: { code: 'NotFound', message: `No route for ${request.method} ${request.path}` } });
  }
}

export const json = (status: number, body: unknown): HttpResult => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(body),
});

const lower = (headers: Record<string, string | undefined> | null | undefined): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers ?? {}).flatMap(([k, v]) => (v === undefined ? [] : [[k.toLowerCase(), v]])),
  );

const decode = (body: string | null | undefined, base64: boolean | undefined): string =>
  body == null ? '' : base64 ? Buffer.from(body, 'base64').toString('utf8') : body;

export const isPayloadV2 = (event: unknown): event is APIGatewayProxyEventV2 =>
  (event as { version?: unknown }).version === '2.0' &&
  typeof (event as APIGatewayProxyEventV2).requestContext?.http?.method === 'string';

export const isPayloadV1 = (event: unknown): event is APIGatewayProxyEvent =>
  typeof (event as APIGatewayProxyEvent).httpMethod === 'string';

export function fromPayloadV2(event: APIGatewayProxyEventV2): Omit<HttpRequest, 'params'> {
  return {
    method: event.requestContext.http.method,
    path: event.rawPath,
    headers: lower(event.headers),
    query: Object.fromEntries(new URLSearchParams(event.rawQueryString ?? '')),
    body: decode(event.body, event.isBase64Encoded),
  };
}

export function fromPayloadV1(event: APIGatewayProxyEvent): Omit<HttpRequest, 'params'> {
  // A custom stage shows in `path` but not in the resource; route on the path as the client sent it.
  return {
    method: event.httpMethod,
    path: event.path,
    headers: lower(event.headers),
    query: lower(event.queryStringParameters as Record<string, string | undefined> | null),
    body: decode(event.body, event.isBase64Encoded),
  };
}

export const toPayloadV2 = (r: HttpResult): APIGatewayProxyStructuredResultV2 => ({
  statusCode: r.status,
  headers: r.headers ?? {},
  body: r.body,
});

// Payload 1.0 has no defaults: isBase64Encoded and headers are spelled out.
export const toPayloadV1 = (r: HttpResult): APIGatewayProxyResult => ({
  statusCode: r.status,
  headers: r.headers ?? {},
  body: r.body,
  isBase64Encoded: false,
});
