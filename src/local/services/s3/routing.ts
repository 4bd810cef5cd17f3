// S3 addressing: the SDK's URI templates are written for virtual-host style (`/{Key+}`, `/?policy`),
// so path-style routes get a `/{Bucket}` prefix, and a virtual-host request has its bucket moved
// from the Host header into the path before matching.

import type { OperationDef } from '../../protocol/schema.js';
import type { LocalRequest, RestRouting } from '../../protocol/types.js';

const hasBucketLabel = (op: OperationDef): boolean => {
  for (const [name, member] of op.input.structIterator()) {
    if (name === 'Bucket' && member.getMergedTraits().httpLabel) return true;
  }
  return false;
};

/** `<bucket>.s3.<anything>`, `<bucket>.s3-<region>.<anything>` or `<bucket>.localhost`. */
const VIRTUAL_HOST = /^(.+?)\.(?:s3(?:[.-][^.]+)*\.[^:]+|localhost)$/;

export function bucketFromHost(host: string | undefined, endpointHost: string): string | undefined {
  if (!host) return undefined;
  const hostname = host.replace(/:\d+$/, '').toLowerCase();
  if (hostname === endpointHost.toLowerCase()) return undefined;
  const m = VIRTUAL_HOST.exec(hostname);
  // `s3.amazonaws.com` itself, or `s3.localhost…`, names no bucket.
  if (!m || m[1] === 's3') return undefined;
  return m[1];
}

/**
 * The request path as sent: the server's URL parsing resolves `.`/`..` segments and backslashes,
 * which are ordinary characters inside an S3 key.
 */
function rawPath(req: LocalRequest): string {
  const url = req.stream.url ?? req.path;
  if (!url.startsWith('/')) return req.path;
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

export function s3Routing(endpointHost: () => string): RestRouting {
  return {
    uriFor: (op) => {
      const uri = op.http!.uri;
      if (!hasBucketLabel(op)) return uri;
      return uri.startsWith('/?') || uri === '/' ? `/{Bucket}${uri.slice(1)}` : `/{Bucket}${uri}`;
    },
    rewritePath: (req) => {
      const path = rawPath(req);
      const host = req.headers.host;
      const bucket = bucketFromHost(typeof host === 'string' ? host : undefined, endpointHost());
      return bucket ? `/${encodeURIComponent(bucket)}${path}` : path;
    },
  };
}
