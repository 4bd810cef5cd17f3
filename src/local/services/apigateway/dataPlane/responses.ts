// Maps a Lambda proxy result to the HTTP response the way HTTP APIs do: a `statusCode` object is
// used as given; for payload 2.0 anything else is inferred as a 200 JSON body; 1.0 demands the shape.

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

export const gatewayError = (status: number, message: string): HttpAnswer => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify({ message })),
});

export const INTERNAL_ERROR = (): HttpAnswer => gatewayError(500, 'Internal Server Error');

interface ProxyResult {
  statusCode?: unknown;
  headers?: Record<string, unknown>;
  multiValueHeaders?: Record<string, unknown[]>;
  cookies?: unknown[];
  body?: unknown;
  isBase64Encoded?: unknown;
}

export function mapLambdaResult(payload: Buffer, version: string): HttpAnswer {
  let result: unknown;
  try {
    result = JSON.parse(payload.toString('utf8'));
  } catch {
    return gatewayError(502, 'Internal Server Error');
  }
  const structured =
    typeof result === 'object' && result !== null && !Array.isArray(result) && 'statusCode' in result;
  if (!structured) {
    // Payload 1.0 has no inference: a result without statusCode is a malformed proxy response.
    if (version === '1.0') return gatewayError(502, 'Internal Server Error');
    return { status: 200, headers: { 'content-type': 'application/json' }, body: payload };
  }
  const r = result as ProxyResult;
  const status = Number(r.statusCode);
  if (!Number.isInteger(status) || status < 100 || status > 599)
    return gatewayError(502, 'Internal Server Error');
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = String(v);
  for (const [k, vs] of Object.entries(r.multiValueHeaders ?? {})) {
    if (Array.isArray(vs)) headers[k.toLowerCase()] = vs.map(String);
  }
  if (Array.isArray(r.cookies) && r.cookies.length > 0) headers['set-cookie'] = r.cookies.map(String);
  const text =
    r.body === undefined || r.body === null
      ? ''
      : typeof r.body === 'string'
        ? r.body
        : JSON.stringify(r.body);
  const body = r.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
  return { status, headers, body };
}
