// HTTP API parameter-mapping values: a static string, one selection expression (`$request.body.a`)
// or text with `${…}` parts; parsed by the control plane, resolved per request by the data plane.

import type { IncomingHttpHeaders } from 'node:http';
import { selectJsonPath } from '../../../engines/jsonPath.js';
import { clfTime, type IncomingCall } from './events.js';

type Part = { text: string } | { source: string };

const SOURCE =
  /^(request\.body(?:[.[].*)?|request\.(?:header|querystring|path)\.[^\s]+|request\.path|response\.header\.[^\s]+|response\.body(?:[.[].*)?|context\.[A-Za-z0-9._]+|stageVariables\.[A-Za-z0-9_]+)$/;

/** Splits a mapping value into static text and sources; undefined when a source is malformed. */
export function parseMappingValue(value: string): Part[] | undefined {
  if (value.startsWith('$') && !value.startsWith('${')) {
    const source = value.slice(1);
    return SOURCE.test(source) ? [{ source }] : undefined;
  }
  const parts: Part[] = [];
  let rest = value;
  while (rest.length > 0) {
    const open = rest.indexOf('${');
    if (open === -1) {
      parts.push({ text: rest });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open) });
    const close = rest.indexOf('}', open);
    if (close === -1) return undefined;
    const source = rest.slice(open + 2, close);
    if (!SOURCE.test(source)) return undefined;
    parts.push({ source });
    rest = rest.slice(close + 1);
  }
  return parts;
}

/** Whether the value selects something (as opposed to being static text). */
export const isSelection = (parts: Part[]): boolean => parts.some((p) => 'source' in p);

/** The integration's answer, for response parameter mapping. */
export interface ResponseView {
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** The request is truncated to 100 KB before a JSONPath applies, as on AWS. */
const JSON_PATH_LIMIT = 100 * 1024;

function header(
  headers: IncomingHttpHeaders | Record<string, string | string[]>,
  name: string,
): string | undefined {
  const v = headers[name.toLowerCase()];
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.join(',') : String(v);
}

function jsonPath(body: Buffer, path: string): string | undefined {
  if (body.length > JSON_PATH_LIMIT) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  let value: unknown;
  try {
    value = selectJsonPath(doc, `$${path.startsWith('[') ? '' : '.'}${path}`);
  } catch {
    return undefined;
  }
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function contextVariable(call: IncomingCall, name: string): string | undefined {
  // `$context.authorizer.<key>`: what the Lambda authorizer returned in `context` (or its principalId).
  if (name.startsWith('authorizer.') && call.authorizer) {
    const key = name.slice('authorizer.'.length);
    const value = key === 'principalId' ? call.authorizer.principalId : call.authorizer.context[key];
    if (value === undefined || value === null) return undefined;
    return typeof value === 'string' ? value : JSON.stringify(value);
  }
  const values: Record<string, string> = {
    requestId: call.requestId,
    extendedRequestId: call.requestId,
    apiId: call.apiId,
    accountId: call.accountId,
    stage: call.stage,
    routeKey: call.routeKey,
    domainName: call.domainName,
    domainPrefix: call.apiId,
    httpMethod: call.method,
    path: call.stage === '$default' ? call.path : `/${call.stage}${call.path}`,
    protocol: 'HTTP/1.1',
    requestTime: clfTime(call.time),
    requestTimeEpoch: String(call.time.getTime()),
    'identity.sourceIp': call.sourceIp,
    'identity.userAgent': header(call.headers, 'user-agent') ?? '',
  };
  return values[name];
}

function resolveSource(source: string, call: IncomingCall, response?: ResponseView): string | undefined {
  const [kind, rest] = splitFirst(source);
  if (kind === 'context') return contextVariable(call, rest);
  if (kind === 'stageVariables') return undefined;
  const [what, name] = splitFirst(rest);
  if (kind === 'response') {
    if (!response) return undefined;
    if (what === 'header') return header(response.headers, name);
    return rest === 'body'
      ? response.body.toString('utf8')
      : jsonPath(response.body, rest.slice(4).replace(/^\./, ''));
  }
  switch (what) {
    case 'header':
      return header(call.headers, name);
    case 'querystring': {
      const values = new URLSearchParams(call.rawQueryString).getAll(name);
      return values.length > 0 ? values.join(',') : undefined;
    }
    case 'path':
      return name === '' ? call.path : call.pathParameters[name];
    default:
      // request.body, request.body.<path>, request.body[<index>]…
      return rest === 'body'
        ? call.body.toString('utf8')
        : jsonPath(call.body, rest.slice(4).replace(/^\./, ''));
  }
}

const splitFirst = (s: string): [string, string] => {
  const dot = s.indexOf('.');
  return dot === -1 ? [s, ''] : [s.slice(0, dot), s.slice(dot + 1)];
};

/**
 * The value a mapping produces for this request. A value that is one source alone gives undefined
 * when that source is absent (a missing header, a JSONPath leading nowhere), so the parameter is
 * not sent at all. A template with static text (`g:${request.header.x}`) always gives a value, an
 * absent source counting as empty text: that is how a mapping supplies a default. `value` must
 * have passed parseMappingValue.
 */
export function resolveMappingValue(
  value: string,
  call: IncomingCall,
  response?: ResponseView,
): string | undefined {
  const parts = parseMappingValue(value);
  if (!parts) return undefined;
  const [only] = parts;
  if (parts.length === 1 && only && 'source' in only) return resolveSource(only.source, call, response);
  let out = '';
  for (const part of parts)
    out += 'text' in part ? part.text : (resolveSource(part.source, call, response) ?? '');
  return out;
}
