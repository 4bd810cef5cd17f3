// awsJson 1.0 / 1.1: the operation comes from X-Amz-Target, input and output are JSON documents,
// errors carry `__type` (plus x-amzn-query-error for query-compatible services such as SQS).

import { AwsServiceError } from '../errors.js';
import { fromJson, toJson } from './jsonShape.js';
import type { OperationDef } from './schema.js';
import type { Decoded, LocalRequest, LocalResponse, ProtocolCodec } from './types.js';

export interface JsonCodecOptions {
  /** Modeled error name → its awsQuery code, sent in x-amzn-query-error to query-compatible clients. */
  queryErrorCodes?: ReadonlyMap<string, string>;
}

export function jsonCodec(version: '1.0' | '1.1', options: JsonCodecOptions = {}): ProtocolCodec {
  const contentType = `application/x-amz-json-${version}`;
  const opts = { useJsonName: false };
  return {
    name: 'json',
    async decode(req: LocalRequest, operations: Map<string, OperationDef>): Promise<Decoded> {
      const target = String(req.headers['x-amz-target'] ?? '');
      const opName = target.slice(target.lastIndexOf('.') + 1);
      const op = operations.get(opName);
      if (!op) {
        throw new AwsServiceError(
          'UnknownOperationException',
          `Unknown operation ${target || '(none)'}`,
          400,
        );
      }
      const raw = await req.body();
      let doc: unknown = {};
      if (raw.length > 0) {
        try {
          doc = JSON.parse(raw.toString('utf8'));
        } catch {
          throw new AwsServiceError(
            'SerializationException',
            'Start of structure or map found where not expected',
            400,
          );
        }
      }
      return { op, input: (fromJson(op.input, doc, opts) ?? {}) as Record<string, unknown> };
    },
    encode(_req, op, output): LocalResponse {
      return {
        status: 200,
        headers: { 'content-type': contentType },
        body: JSON.stringify(toJson(op.output, output ?? {}, opts) ?? {}),
      };
    },
    encodeError(req, error): LocalResponse {
      const headers: Record<string, string> = { 'content-type': contentType, ...error.headers };
      // Query-compatible services (SQS) let old clients see the query-protocol error code.
      if (req.headers['x-amzn-query-mode'] === 'true')
        headers['x-amzn-query-error'] =
          `${options.queryErrorCodes?.get(error.code) ?? error.code};${error.fault}`;
      return {
        status: error.status,
        headers,
        body: JSON.stringify({ __type: error.code, message: error.message, ...error.extra }),
      };
    },
  };
}
