// A codec that serves one service over two wire protocols, choosing per request: SQS speaks
// awsJson 1.0 to current SDKs and awsQuery to older SDKs/CLIs under the same signing name.

import type { LocalRequest, ProtocolCodec } from './types.js';

/** True for awsJson requests: a JSON content type or an X-Amz-Target header. */
export const isAwsJsonRequest = (req: LocalRequest): boolean => {
  const type = req.headers['content-type'];
  return (
    (typeof type === 'string' && type.startsWith('application/x-amz-json-')) || !!req.headers['x-amz-target']
  );
};

/**
 * Decodes and encodes each request with `primary` when `usePrimary(req)` holds, else with
 * `fallback`; the answer (result or error) always goes back in the protocol the request came in.
 */
export function dualCodec(
  usePrimary: (req: LocalRequest) => boolean,
  primary: ProtocolCodec,
  fallback: ProtocolCodec,
): ProtocolCodec {
  const pick = (req: LocalRequest): ProtocolCodec => (usePrimary(req) ? primary : fallback);
  return {
    // Reported as the primary protocol: the one current SDKs (and the fuzz test) speak.
    name: primary.name,
    decode: (req, operations) => pick(req).decode(req, operations),
    encode: (req, op, output) => pick(req).encode(req, op, output),
    encodeError: (req, error) => pick(req).encodeError(req, error),
  };
}
