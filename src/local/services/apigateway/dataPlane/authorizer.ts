// Runs a route's Lambda REQUEST authorizer: checks the identity sources (any missing → 401 without
// invoking), invokes the function as apigateway.amazonaws.com with the authorizer ARN as SourceArn,
// reads the decision (403 when denied, 500 when it fails) and caches it for the authorizer's TTL.

import type { Cloud } from '../../../cloud.js';
import { AwsServiceError } from '../../../errors.js';
import { authorizerArn, authorizerFunctionArn } from '../authorizers.js';
import type { ChildKinds, StoredStage } from '../state.js';
import { type AuthorizerDecision, isAllowed, parseAuthorizerResult } from './authorizerResult.js';
import { type AuthorizerIdentity, eventV1, eventV2, type IncomingCall } from './events.js';
import { gatewayError, type HttpAnswer, INTERNAL_ERROR } from './responses.js';
import { contextVariable, resolveMappingValue } from './selection.js';

type Authorizer = ChildKinds['authorizers'];

/** Lambda authorizers get 10 seconds; a slower answer is a failed authorization (500). */
const AUTHORIZER_TIMEOUT_MS = 10_000;

/** Past this many cached decisions, expired ones are swept before another is added. */
const MAX_CACHED = 10_000;

interface CacheEntry {
  decision: AuthorizerDecision;
  expires: number;
  /** The authorizer as it was: an updated authorizer no longer uses older cached decisions. */
  authorizer: Authorizer;
}

/** The route ARN an authorizer's policy is matched against: `…:<apiId>/<stage>/<METHOD><path>`. */
export function routeArnOf(cloud: Cloud, call: IncomingCall): string {
  const route = call.routeKey === '$default' ? '$default' : `${call.method}${call.path}`;
  return `arn:aws:execute-api:${cloud.region}:${call.accountId}:${call.apiId}/${call.stage}/${route}`;
}

/** Each identity source's value, or undefined when one is missing or empty. */
function identityValues(
  authorizer: Authorizer,
  call: IncomingCall,
  stage: StoredStage,
): string[] | undefined {
  const values: string[] = [];
  for (const source of authorizer.IdentitySource ?? []) {
    const value = source.startsWith('$stageVariables.')
      ? stage.StageVariables?.[source.slice('$stageVariables.'.length)]
      : source.startsWith('$context.')
        ? contextVariable(call, source.slice('$context.'.length))
        : resolveMappingValue(source, call);
    if (value === undefined || value === '') return undefined;
    values.push(value);
  }
  return values;
}

function authorizerEvent(
  authorizer: Authorizer,
  call: IncomingCall,
  routeArn: string,
  identity: string[],
  stage: StoredStage,
): object {
  const stageVariables =
    stage.StageVariables && Object.keys(stage.StageVariables).length > 0 ? stage.StageVariables : undefined;
  if (authorizer.AuthorizerPayloadFormatVersion === '1.0') {
    // The REST-compatible REQUEST event: methodArn, the identity joined by commas, no body.
    const { body: _b, isBase64Encoded: _i, version, ...rest } = eventV1(call);
    return {
      version,
      type: 'REQUEST',
      methodArn: routeArn,
      identitySource: identity.join(','),
      authorizationToken: identity.join(','),
      ...rest,
      stageVariables: stageVariables ?? null,
    };
  }
  const { body: _b, isBase64Encoded: _i, version, ...rest } = eventV2(call);
  return {
    version,
    type: 'REQUEST',
    routeArn,
    identitySource: identity,
    ...rest,
    ...(stageVariables ? { stageVariables } : {}),
  };
}

export class Authorizers {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(private readonly cloud: Cloud) {}

  /** The identity to pass to the integration, or the error answer that ends the request. */
  async authorize(
    authorizer: Authorizer,
    call: IncomingCall,
    stage: StoredStage,
  ): Promise<{ identity: AuthorizerIdentity } | { answer: HttpAnswer }> {
    const identity = identityValues(authorizer, call, stage);
    if (!identity) return { answer: gatewayError(401, 'Unauthorized') };
    const routeArn = routeArnOf(this.cloud, call);
    const ttl = authorizer.AuthorizerResultTtlInSeconds ?? 0;
    const key = [call.apiId, authorizer.AuthorizerId, ...identity].join('\n');
    const now = this.cloud.clock.now();
    const cached = ttl > 0 ? this.cache.get(key) : undefined;
    let decision =
      cached && cached.expires > now && cached.authorizer === authorizer ? cached.decision : undefined;
    if (!decision) {
      decision = await this.invoke(authorizer, call, routeArn, identity, stage);
      if (!decision) return { answer: INTERNAL_ERROR() };
      if (ttl > 0) {
        if (this.cache.size >= MAX_CACHED) this.prune(now);
        this.cache.set(key, { decision, authorizer, expires: now + this.cloud.clock.scale(ttl * 1000) });
      }
    }
    // A cached policy is matched again against this request's route, as AWS does.
    if (!isAllowed(decision, routeArn)) return { answer: gatewayError(403, 'Forbidden') };
    return {
      identity: {
        context: decision.context,
        ...(decision.kind === 'policy' && decision.principalId !== undefined
          ? { principalId: decision.principalId }
          : {}),
      },
    };
  }

  private prune(now: number): void {
    for (const [key, entry] of this.cache) if (entry.expires <= now) this.cache.delete(key);
  }

  private async invoke(
    authorizer: Authorizer,
    call: IncomingCall,
    routeArn: string,
    identity: string[],
    stage: StoredStage,
  ): Promise<AuthorizerDecision | undefined> {
    const event = authorizerEvent(authorizer, call, routeArn, identity, stage);
    const sourceArn = authorizerArn(this.cloud.region, call.accountId, call.apiId, authorizer.AuthorizerId);
    const where = `apigateway ${call.apiId} authorizer ${authorizer.AuthorizerId}`;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      // Real time on purpose, like the integration timeout: it is part of the contract.
      timer = setTimeout(() => resolve('timeout'), AUTHORIZER_TIMEOUT_MS);
    });
    try {
      const outcome = await Promise.race([
        this.cloud.api('lambda').invoke({
          functionArn: authorizerFunctionArn(authorizer.AuthorizerUri ?? '') ?? '',
          payload: Buffer.from(JSON.stringify(event)),
          principal: 'apigateway.amazonaws.com',
          sourceArn,
        }),
        timedOut,
      ]);
      if (outcome === 'timeout') {
        this.cloud.log(`${where}: timed out`);
        return undefined;
      }
      if (outcome.functionError) {
        this.cloud.log(`${where}: function error ${outcome.payload.toString('utf8')}`);
        return undefined;
      }
      const simple =
        authorizer.AuthorizerPayloadFormatVersion === '2.0' && authorizer.EnableSimpleResponses === true;
      const decision = parseAuthorizerResult(outcome.payload, simple);
      if (!decision) this.cloud.log(`${where}: malformed response ${outcome.payload.toString('utf8')}`);
      return decision;
    } catch (e) {
      // No permission, no function: API Gateway answers 500 and logs why.
      this.cloud.log(`${where}: ${e instanceof AwsServiceError ? `${e.code}: ${e.message}` : String(e)}`);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}
