// The protocol-neutral request/response seen by codecs, and the codec contract itself: codecs turn
// HTTP into (operation, typed input) and typed output or AwsServiceError back into HTTP.

import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { AwsServiceError } from '../errors.js';
import type { OperationDef } from './schema.js';

export interface LocalRequest {
  method: string;
  /** Path without the query string, still percent-encoded. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The raw body stream (S3 PutObject streams it to disk). */
  stream: IncomingMessage;
  /** Buffers the whole body (bounded by the server's limit). */
  body(): Promise<Buffer>;
  requestId: string;
  region: string;
}

export interface LocalResponse {
  status: number;
  headers: Record<string, string>;
  body?: string | Buffer | Readable;
}

/**
 * An action's output may carry this key to answer with a status its model cannot express
 * (S3 GetObject's 206 Partial Content): `withStatus(output, 206)`.
 */
export const responseStatus: unique symbol = Symbol('faas.responseStatus');

export const withStatus = <T extends object>(output: T, status: number): T =>
  Object.assign(output, { [responseStatus]: status });

export interface Decoded {
  op: OperationDef;
  input: Record<string, unknown>;
}

/** Per-service routing knobs for the REST codecs (S3's path-style bucket, for one). */
export interface RestRouting {
  /** Rewrites an operation's URI template before matching (S3 path-style prefixes `/{Bucket}`). */
  uriFor?: (op: OperationDef) => string;
  /** Rewrites the request path before matching (S3 virtual-host style moves the bucket into the path). */
  rewritePath?: (req: LocalRequest) => string;
}

export interface ProtocolCodec {
  readonly name: 'json' | 'query' | 'restJson' | 'restXml';
  decode(req: LocalRequest, operations: Map<string, OperationDef>): Promise<Decoded>;
  encode(req: LocalRequest, op: OperationDef, output: unknown): LocalResponse;
  encodeError(req: LocalRequest, error: AwsServiceError): LocalResponse;
}

export const unknownOperation = (name: string): [string, string, number] => [
  'UnknownOperationException',
  `The operation ${name} is not recognised by this endpoint`,
  400,
];
