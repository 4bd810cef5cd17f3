// Picks the service a request is for, the way AWS's front door does: the SigV4 credential scope
// (Authorization header or X-Amz-Credential query), then X-Amz-Target, then the path.

import type { IncomingHttpHeaders } from 'node:http';
import type { AnyService as ServiceDefinition } from './service.js';

export interface Scope {
  service?: string;
  region?: string;
}

const SCOPE = /Credential=[^/,\s]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

export function credentialScope(headers: IncomingHttpHeaders, query: URLSearchParams): Scope {
  const auth = headers.authorization;
  const m = auth ? SCOPE.exec(auth) : undefined;
  if (m) return { region: m[1], service: m[2] };
  const credential = query.get('X-Amz-Credential');
  if (credential) {
    const parts = credential.split('/');
    if (parts.length >= 5) return { region: parts[2], service: parts[3] };
  }
  return {};
}

export function pickService(
  services: ServiceDefinition[],
  scope: Scope,
  headers: IncomingHttpHeaders,
  path: string,
): ServiceDefinition | undefined {
  if (scope.service) {
    const byScope = services.find((s) => s.signingName === scope.service);
    if (byScope) return byScope;
  }
  const target = headers['x-amz-target'];
  if (typeof target === 'string') {
    const prefix = target.slice(0, target.indexOf('.'));
    const byTarget = services.find((s) => s.targetPrefixes?.includes(prefix));
    if (byTarget) return byTarget;
  }
  const byPath = services.find((s) => s.pathPrefixes?.some((p) => path.startsWith(p)));
  if (byPath) return byPath;
  // Unsigned requests that match nothing else are anonymous S3 requests, as on AWS.
  return services.find((s) => s.signingName === 's3');
}
