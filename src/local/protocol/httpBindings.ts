// The REST half shared by restJson and restXml: matches a request to an operation's URI template
// and moves members between the HTTP envelope (labels, query, headers, status) and the document.

import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import type { NormalizedSchema } from '@smithy/core/schema';
import { AwsServiceError } from '../errors.js';
import { formatTimestamp, type OperationDef, timestampFormat } from './schema.js';
import { type LocalRequest, type LocalResponse, type RestRouting, responseStatus } from './types.js';
import { fromScalarText, toScalarText } from './xmlShape.js';

interface Segment {
  literal?: string;
  label?: string;
  greedy?: boolean;
}

interface Route {
  op: OperationDef;
  method: string;
  segments: Segment[];
  requiredQuery: [string, string | undefined][];
  score: number;
  /** The template's `x-id` hint: a request naming another operation skips this route. */
  xId?: string;
  /** Query keys and headers bound to required input members, to tell apart operations sharing a
   * template (S3 PutObject vs UploadPart vs CopyObject on `PUT /{Bucket}/{Key+}`). */
  needsQuery: string[];
  needsHeaders: string[];
}

/** The document half of a REST protocol: JSON for restJson, XML for restXml. */
export interface BodyFormat {
  contentType: string;
  /** Parses the body into the members not bound to the envelope. */
  readDocument(schema: NormalizedSchema, body: Buffer): Record<string, unknown>;
  /** Serializes the unbound output members; undefined when there is nothing to send. */
  writeDocument(schema: NormalizedSchema, value: Record<string, unknown>): string | undefined;
  readStructPayload(member: NormalizedSchema, body: Buffer): unknown;
  writeStructPayload(member: NormalizedSchema, value: unknown): string;
}

function compileRoute(op: OperationDef, uri: string): Route {
  const [pathPart, queryPart] = uri.split('?', 2);
  const segments: Segment[] = pathPart
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      const m = /^\{([^}+]+)(\+)?\}$/.exec(s);
      return m ? { label: m[1], greedy: m[2] === '+' } : { literal: s };
    });
  // `x-id=Op` is only a hint some SDKs add; other literals (S3's `?tagging`) select the operation.
  const requiredQuery = (queryPart ?? '')
    .split('&')
    .filter((q) => q !== '' && !q.startsWith('x-id='))
    .map((q) => {
      const [k, v] = q.split('=', 2);
      return [k, v] as [string, string | undefined];
    });
  const literals = segments.filter((s) => s.literal !== undefined).length;
  const score =
    requiredQuery.length * 1000 + literals * 10 + segments.length - (segments.at(-1)?.greedy ? 5 : 0);
  const xId = /(?:^|&)x-id=([^&]+)/.exec(queryPart ?? '')?.[1];
  return { op, method: op.http!.method, segments, requiredQuery, score, xId, ...requiredBindings(op) };
}

/** The query keys and headers of the input's required members (the SDK schemas list them first). */
function requiredBindings(op: OperationDef): { needsQuery: string[]; needsHeaders: string[] } {
  const raw = op.input.getSchema() as unknown;
  const count = Array.isArray(raw) && typeof raw[6] === 'number' ? raw[6] : 0;
  const needsQuery: string[] = [];
  const needsHeaders: string[] = [];
  let i = 0;
  for (const [, member] of op.input.structIterator()) {
    if (i++ >= count) break;
    const t = member.getMergedTraits();
    if (typeof t.httpQuery === 'string') needsQuery.push(t.httpQuery);
    else if (typeof t.httpHeader === 'string') needsHeaders.push(t.httpHeader.toLowerCase());
  }
  return { needsQuery, needsHeaders };
}

const needs = (r: Route): number => r.needsQuery.length + r.needsHeaders.length;

export function compileRoutes(operations: Map<string, OperationDef>, routing: RestRouting = {}): Route[] {
  const routes: Route[] = [];
  for (const op of operations.values()) {
    if (!op.http) continue;
    routes.push(compileRoute(op, routing.uriFor ? routing.uriFor(op) : op.http.uri));
  }
  // Equal templates: the operation whose required query/header bindings are present wins.
  return routes.sort((a, b) => b.score - a.score || needs(b) - needs(a));
}

function matchSegments(route: Route, parts: string[]): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  for (let i = 0; i < route.segments.length; i++) {
    const seg = route.segments[i];
    if (seg.greedy) {
      const rest = parts.slice(i);
      if (rest.length === 0 || rest.join('/') === '') return undefined;
      labels[seg.label!] = rest.map(safeDecode).join('/');
      return labels;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (seg.literal !== undefined) {
      if (safeDecode(part) !== seg.literal) return undefined;
    } else {
      if (part === '') return undefined;
      labels[seg.label!] = safeDecode(part);
    }
  }
  return parts.length === route.segments.length ? labels : undefined;
}

const safeDecode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

export function matchRoute(
  routes: Route[],
  method: string,
  path: string,
  query: URLSearchParams,
  headers: IncomingHttpHeaders = {},
): { op: OperationDef; labels: Record<string, string> } | undefined {
  const raw = path.split('/').slice(1);
  // A trailing slash is insignificant except inside a greedy label (an S3 key may end with '/').
  const trimmed = raw.length > 0 && raw.at(-1) === '' ? raw.slice(0, -1) : raw;
  const xId = query.get('x-id');
  // First pass: only routes whose required query/header members are present; the second pass
  // keeps the old behaviour so a request missing one still reaches its operation's validation.
  for (const strict of [true, false]) {
    for (const route of routes) {
      if (route.method !== method) continue;
      if (xId && route.xId && route.xId !== xId) continue;
      if (!route.requiredQuery.every(([k, v]) => query.has(k) && (v === undefined || query.get(k) === v)))
        continue;
      if (
        strict &&
        !(route.needsQuery.every((k) => query.has(k)) && route.needsHeaders.every((h) => h in headers))
      )
        continue;
      const greedy = route.segments.at(-1)?.greedy;
      const labels = matchSegments(route, greedy ? raw : trimmed);
      if (labels) return { op: route.op, labels };
    }
  }
  return undefined;
}

/** Fills the envelope-bound input members; returns the payload member name if the op has one. */
export async function readInput(
  req: LocalRequest,
  op: OperationDef,
  labels: Record<string, string>,
  format: BodyFormat,
): Promise<Record<string, unknown>> {
  const input: Record<string, unknown> = {};
  let hasDocumentMembers = false;
  for (const [name, member] of op.input.structIterator()) {
    const t = member.getMergedTraits();
    if (t.httpLabel) {
      if (labels[name] !== undefined) input[name] = fromScalarText(member, labels[name]);
    } else if (typeof t.httpQuery === 'string') {
      const values = req.query.getAll(t.httpQuery);
      if (values.length === 0) continue;
      input[name] = member.isListSchema()
        ? values.map((v) => fromScalarText(member.getValueSchema(), v))
        : fromScalarText(member, values[0]);
    } else if (t.httpQueryParams) {
      input[name] = Object.fromEntries(req.query.entries());
    } else if (typeof t.httpHeader === 'string') {
      const header = req.headers[t.httpHeader.toLowerCase()];
      if (header === undefined) continue;
      const text = Array.isArray(header) ? header.join(',') : header;
      input[name] = member.isListSchema()
        ? text.split(',').map((v) => fromScalarText(member.getValueSchema(), v.trim()))
        : fromScalarText(member, text);
    } else if (typeof t.httpPrefixHeaders === 'string') {
      const prefix = t.httpPrefixHeaders.toLowerCase();
      const map: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (k.startsWith(prefix) && v !== undefined) map[k.slice(prefix.length)] = String(v);
      }
      if (Object.keys(map).length > 0) input[name] = map;
    } else if (t.httpPayload) {
      if (member.isStreaming()) {
        input[name] = req.stream;
        continue;
      }
      const body = await req.body();
      if (body.length === 0) continue;
      if (member.isBlobSchema()) input[name] = new Uint8Array(body);
      else if (member.isStringSchema()) input[name] = body.toString('utf8');
      else input[name] = format.readStructPayload(member, body);
    } else {
      hasDocumentMembers = true;
    }
  }
  if (hasDocumentMembers) {
    const body = await req.body();
    if (body.length > 0) Object.assign(input, format.readDocument(op.input, body));
  }
  return input;
}

export function writeOutput(op: OperationDef, output: unknown, format: BodyFormat): LocalResponse {
  const value = (output ?? {}) as Record<string, unknown>;
  const override = (value as { [responseStatus]?: unknown })[responseStatus];
  const res: LocalResponse = {
    status: typeof override === 'number' ? override : (op.http?.code ?? 200),
    headers: {},
  };
  let payload: [NormalizedSchema, unknown] | undefined;
  let hasDocumentMembers = false;
  for (const [name, member] of op.output.structIterator()) {
    const t = member.getMergedTraits();
    const v = value[name];
    if (t.httpPayload) {
      payload = [member, v];
      continue;
    }
    if (v === undefined || v === null) continue;
    if (t.httpResponseCode) res.status = Number(v);
    else if (typeof t.httpHeader === 'string')
      res.headers[t.httpHeader.toLowerCase()] = headerText(member, v);
    else if (typeof t.httpPrefixHeaders === 'string') {
      for (const [k, hv] of Object.entries(v as Record<string, string>))
        res.headers[t.httpPrefixHeaders + k] = hv;
    } else hasDocumentMembers = true;
  }
  if (payload) {
    const [member, v] = payload;
    if (v === undefined || v === null) return res;
    if (v instanceof Readable) res.body = v;
    else if (member.isBlobSchema()) res.body = Buffer.from(v as Uint8Array);
    else if (member.isStringSchema()) res.body = String(v);
    else {
      res.body = format.writeStructPayload(member, v);
      res.headers['content-type'] = format.contentType;
    }
    return res;
  }
  if (hasDocumentMembers || format.contentType.includes('json')) {
    const doc = format.writeDocument(op.output, value);
    if (doc !== undefined) {
      res.body = doc;
      res.headers['content-type'] = format.contentType;
    }
  }
  return res;
}

function headerText(member: NormalizedSchema, v: unknown): string {
  if (member.isListSchema())
    return (v as unknown[]).map((x) => toScalarText(member.getValueSchema(), x)).join(', ');
  if (member.isTimestampSchema()) return String(formatTimestamp(v, timestampFormat(member, 'http-date')));
  if (member.getMergedTraits().mediaType === 'application/json' && typeof v !== 'string') {
    return Buffer.from(JSON.stringify(v)).toString('base64');
  }
  return toScalarText(member, v);
}

export const noRoute = (method: string, path: string): AwsServiceError =>
  new AwsServiceError('UnknownOperationException', `No operation matches ${method} ${path}`, 404);

/**
 * The decode half every REST codec shares: routes compiled once per codec from the operation
 * table, the path rewritten by the service's routing, then the matched operation's input read.
 */
export function restDecoder(
  routing: RestRouting,
  format: BodyFormat,
): (
  req: LocalRequest,
  operations: Map<string, OperationDef>,
) => Promise<{ op: OperationDef; input: Record<string, unknown> }> {
  let routes: Route[] | undefined;
  return async (req, operations) => {
    routes ??= compileRoutes(operations, routing);
    const path = routing.rewritePath ? routing.rewritePath(req) : req.path;
    const match = matchRoute(routes, req.method, path, req.query, req.headers);
    if (!match) throw noRoute(req.method, path);
    return { op: match.op, input: await readInput(req, match.op, match.labels, format) };
  };
}
