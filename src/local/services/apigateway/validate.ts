// Validation shared by API Gateway v2 actions, with AWS's BadRequestException/ConflictException texts.

import { AwsServiceError } from '../../errors.js';
import { validateResponseParameters } from './dataPlane/responseMapping.js';
import type { ApiRecord, ChildKinds } from './state.js';
import { validateSubtype } from './subtypes.js';

const METHODS = new Set(['ANY', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

export const badRequest = (message: string): AwsServiceError =>
  new AwsServiceError('BadRequestException', message, 400);

/** `$default`, or `METHOD /path` where only the last segment may be greedy (`{proxy+}`). */
export function validateRouteKey(routeKey: string | undefined): string {
  if (!routeKey) throw badRequest('RouteKey is required');
  if (routeKey === '$default') return routeKey;
  const m = /^(\S+) (\/\S*)$/.exec(routeKey);
  if (!m || !METHODS.has(m[1])) {
    throw badRequest(
      `Unable to create route ${routeKey}: the route key must be $default or '<METHOD> /<path>'`,
    );
  }
  const segments = m[2].split('/').slice(1);
  segments.forEach((seg, i) => {
    if (seg.endsWith('+}') && i !== segments.length - 1) {
      throw badRequest(
        `Unable to create route ${routeKey}: a greedy path variable must be the last path segment`,
      );
    }
  });
  return routeKey;
}

export function ensureUniqueRouteKey(rec: ApiRecord, routeKey: string, exceptId?: string): void {
  for (const route of Object.values(rec.routes)) {
    if (route.RouteKey === routeKey && route.RouteId !== exceptId) {
      throw new AwsServiceError(
        'ConflictException',
        `Unable to complete operation due to concurrent modification. Route with key ${routeKey} already exists for this API`,
        409,
      );
    }
  }
}

/** A route's Target must name an integration of the same API: `integrations/<id>`. */
export function validateTarget(rec: ApiRecord, target: string | undefined): void {
  if (target === undefined) return;
  const m = /^integrations\/(\w+)$/.exec(target);
  if (!m || !rec.integrations[m[1]])
    throw badRequest(`Invalid target: ${target}. Target must be integrations/<IntegrationId> of this API`);
}

export function validateIntegration(item: ChildKinds['integrations']): void {
  const type = item.IntegrationType;
  if (!type || !['AWS_PROXY', 'HTTP_PROXY', 'MOCK', 'AWS', 'HTTP'].includes(type)) {
    throw badRequest(`Invalid integration type: ${String(type)}`);
  }
  if (type === 'AWS_PROXY') {
    if (!item.IntegrationSubtype && !item.IntegrationUri)
      throw badRequest('IntegrationUri is required for AWS_PROXY integrations');
    if (!item.IntegrationSubtype && !['1.0', '2.0'].includes(String(item.PayloadFormatVersion))) {
      throw badRequest('PayloadFormatVersion must be 1.0 or 2.0 for AWS_PROXY integrations');
    }
  }
  const timeout = item.TimeoutInMillis;
  if (timeout !== undefined && (timeout < 50 || timeout > 30000)) {
    throw badRequest('TimeoutInMillis must be between 50 and 30000 for HTTP APIs');
  }
  validateSubtype(item);
  validateResponseParameters(item.ResponseParameters);
}
