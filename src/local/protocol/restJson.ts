// restJson1 (Lambda, API Gateway v2): URI-template routing, members bound to the HTTP envelope,
// the rest as a JSON document; errors in `x-amzn-errortype` plus a JSON body with `message`.

import { AwsServiceError } from '../errors.js';
import { type BodyFormat, restDecoder, writeOutput } from './httpBindings.js';
import { fromJson, toJson } from './jsonShape.js';
import type { LocalResponse, ProtocolCodec, RestRouting } from './types.js';

const opts = { useJsonName: true };

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new AwsServiceError('SerializationException', 'The request body is not valid JSON', 400);
  }
}

export const jsonBodyFormat: BodyFormat = {
  contentType: 'application/json',
  readDocument: (schema, body) => (fromJson(schema, parseJson(body), opts) ?? {}) as Record<string, unknown>,
  writeDocument: (schema, value) => JSON.stringify(toJson(schema, value, opts) ?? {}),
  readStructPayload: (member, body) => fromJson(member, parseJson(body), opts),
  writeStructPayload: (member, value) => JSON.stringify(toJson(member, value, opts)),
};

export function restJsonCodec(routing: RestRouting = {}): ProtocolCodec {
  return {
    name: 'restJson',
    decode: restDecoder(routing, jsonBodyFormat),
    encode: (_req, op, output): LocalResponse => writeOutput(op, output, jsonBodyFormat),
    encodeError(_req, error): LocalResponse {
      return {
        status: error.status,
        headers: { 'content-type': 'application/json', 'x-amzn-errortype': error.code, ...error.headers },
        body: JSON.stringify({
          Type: error.fault === 'Sender' ? 'User' : 'Service',
          message: error.message,
          ...error.extra,
        }),
      };
    },
  };
}
