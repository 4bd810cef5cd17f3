// Validation of HTTP API authorizers (Lambda REQUEST authorizers; JWT is refused as unsupported
// here) and of a route's AuthorizationType/AuthorizerId, with BadRequestException texts.

import type { ApiRecord, ChildKinds } from './state.js';
import { badRequest } from './validate.js';

type StoredAuthorizer = ChildKinds['authorizers'];

const INVOKE_URI =
  /^arn:aws:apigateway:[a-z0-9-]+:lambda:path\/2015-03-31\/functions\/(arn:aws:lambda:.+)\/invocations$/;
const IDENTITY_SOURCE = /^\$(request\.header|request\.querystring|context|stageVariables)\.[^\s,]+$/;
const AUTHORIZATION_TYPES = ['NONE', 'CUSTOM', 'JWT', 'AWS_IAM'];

/** The function a Lambda authorizer invokes, from its `…/functions/<fnArn>/invocations` URI. */
export function authorizerFunctionArn(uri: string): string | undefined {
  return INVOKE_URI.exec(uri)?.[1];
}

export const authorizerArn = (region: string, accountId: string, apiId: string, authorizerId: string) =>
  `arn:aws:execute-api:${region}:${accountId}:${apiId}/authorizers/${authorizerId}`;

/** Checks a whole authorizer (after defaults on create, after the merge on update). */
export function validateAuthorizer(item: StoredAuthorizer): void {
  if (!item.Name) throw badRequest('Name is required');
  if (item.Name.length > 128) throw badRequest('Name must be at most 128 characters');
  const type = item.AuthorizerType;
  if (type === 'JWT') throw badRequest('JWT authorizers are not supported by the local cloud');
  if (type !== 'REQUEST')
    throw badRequest(`Invalid authorizer type ${String(type)}. Valid values are REQUEST and JWT`);
  if (!item.AuthorizerUri) throw badRequest('AuthorizerUri is required for a REQUEST authorizer');
  if (!authorizerFunctionArn(item.AuthorizerUri)) {
    throw badRequest(
      `Invalid Authorizer URI: ${item.AuthorizerUri}. Authorizer URI should be a valid API Gateway ARN that represents a Lambda function invocation.`,
    );
  }
  const version = item.AuthorizerPayloadFormatVersion;
  if (version === undefined)
    throw badRequest('AuthorizerPayloadFormatVersion is required for REQUEST authorizers');
  if (version !== '1.0' && version !== '2.0')
    throw badRequest(`Invalid authorizer payload format version ${version}. Valid values are 1.0 and 2.0`);
  // Simple responses ({ isAuthorized, context }) exist only in the 2.0 format.
  if (item.EnableSimpleResponses && version !== '2.0')
    throw badRequest(
      'EnableSimpleResponses is only supported for authorizers with payload format version 2.0',
    );
  const ttl = item.AuthorizerResultTtlInSeconds ?? 0;
  if (!Number.isInteger(ttl) || ttl < 0 || ttl > 3600)
    throw badRequest('AuthorizerResultTtlInSeconds must be between 0 and 3600');
  const sources = item.IdentitySource ?? [];
  for (const source of sources) {
    if (!IDENTITY_SOURCE.test(source)) {
      throw badRequest(
        `Invalid identity source: ${source}. Identity sources must be $request.header.<name>, $request.querystring.<name>, $context.<variable> or $stageVariables.<name>`,
      );
    }
  }
  // The cache key is made of the identity sources, so caching without any is refused.
  if (ttl > 0 && sources.length === 0)
    throw badRequest('Identity source is required when authorizer caching is enabled');
}

/**
 * Checks a route's authorization and returns it normalised: CUSTOM names a REQUEST authorizer
 * of this API; NONE and AWS_IAM take no authorizer (a stale AuthorizerId is dropped).
 */
export function validateRouteAuthorization<T extends ChildKinds['routes']>(rec: ApiRecord, route: T): T {
  const type = route.AuthorizationType ?? 'NONE';
  if (!AUTHORIZATION_TYPES.includes(type)) {
    throw badRequest(`Invalid authorization type ${type}. Valid values are NONE, CUSTOM, JWT and AWS_IAM`);
  }
  if (type === 'NONE' || type === 'AWS_IAM') {
    const { AuthorizerId: _dropped, ...rest } = route;
    return rest as T;
  }
  if (!route.AuthorizerId) throw badRequest(`AuthorizerId is required for authorization type ${type}`);
  const authorizer = rec.authorizers?.[route.AuthorizerId];
  if (!authorizer) throw badRequest(`Invalid authorizer identifier specified ${route.AuthorizerId}`);
  if (type === 'CUSTOM' && authorizer.AuthorizerType !== 'REQUEST') {
    throw badRequest(
      `Authorization type CUSTOM requires a REQUEST authorizer; ${route.AuthorizerId} is ${String(authorizer.AuthorizerType)}`,
    );
  }
  return route;
}
