// HTTP helpers for API Gateway HTTP API (payload 2.0) handlers: header lookup, content type,
// body decoding and the one JSON error shape `{ "error": { "code", "message" } }`.
// Standalone on purpose: handlers run on AWS and import nothing from the CLI side.

import type { APIGatewayProxyEventHeaders, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** A failure with the HTTP status and error code the caller should see. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
  }
}

export interface ErrorBody {
  error: { code: string; message: string };
}

export function jsonResponse(status: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  };
}

export function errorResponse(err: HttpError): APIGatewayProxyStructuredResultV2 {
  return jsonResponse(err.status, { error: { code: err.code, message: err.message } } satisfies ErrorBody);
}

/**
 * Payload 2.0 lower-cases header names, but emulators and hand-written test events do not
 * always; look up case-insensitively so behaviour does not depend on who built the event.
 */
export function getHeader(
  headers: APIGatewayProxyEventHeaders | undefined,
  name: string,
): string | undefined {
  if (headers === undefined) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/**
 * `application/json`, optionally with parameters. A charset, if given, must be UTF-8: RFC 8259
 * makes UTF-8 the only encoding for JSON exchanged between systems, and it is what we decode.
 */
export function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return false;
  const [mediaType, ...params] = value.split(';');
  if (mediaType!.trim().toLowerCase() !== 'application/json') return false;
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    if (param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const charset = param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
    if (charset !== 'utf-8' && charset !== 'utf8') return false;
  }
  return true;
}

/** API Gateway base64-encodes bodies it considers binary; undo that before parsing. */
export function decodeBody(body: string | undefined, isBase64Encoded: boolean): string {
  if (body === undefined) return '';
  return isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
}
