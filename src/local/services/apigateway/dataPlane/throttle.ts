// Route throttling of HTTP API stages: a token bucket per stage and route, sized by the burst limit
// and refilled at the rate limit, on the cloud clock (refill speeds up with the time factor).

import type { RouteSettings } from '@aws-sdk/client-apigatewayv2';
import type { Clock } from '../../../clock.js';
import type { StoredStage } from '../state.js';

/** Unset limits fall back to the account's default quota (10,000 rps, burst 5,000). */
const ACCOUNT_RATE = 10000;
const ACCOUNT_BURST = 5000;

interface Bucket {
  tokens: number;
  at: number;
  /** The limits the bucket was built for: a changed stage starts a fresh bucket. */
  signature: string;
}

/** The route's limits: RouteSettings[routeKey] overrides DefaultRouteSettings field by field. */
export function routeLimits(
  stage: StoredStage,
  routeKey: string,
): { rate: number; burst: number } | undefined {
  const base: RouteSettings = stage.DefaultRouteSettings ?? {};
  const own: RouteSettings = stage.RouteSettings?.[routeKey] ?? {};
  const rate = own.ThrottlingRateLimit ?? base.ThrottlingRateLimit;
  const burst = own.ThrottlingBurstLimit ?? base.ThrottlingBurstLimit;
  if (rate === undefined && burst === undefined) return undefined;
  return { rate: rate ?? ACCOUNT_RATE, burst: burst ?? ACCOUNT_BURST };
}

export class RouteThrottle {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly clock: Clock) {}

  /** Takes a token for this request; false means answer 429. */
  take(apiId: string, stage: StoredStage, routeKey: string): boolean {
    const limits = routeLimits(stage, routeKey);
    if (!limits) return true;
    const key = `${apiId}\n${stage.StageName}\n${routeKey}`;
    const signature = `${limits.rate}/${limits.burst}`;
    const now = this.clock.now();
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.signature !== signature) {
      bucket = { tokens: limits.burst, at: now, signature };
      this.buckets.set(key, bucket);
    }
    // Real milliseconds per AWS second under the time factor; 0 (factor 0) refills at once.
    const msPerSecond = this.clock.scale(1_000_000) / 1000;
    const refill = msPerSecond === 0 ? Infinity : ((now - bucket.at) / msPerSecond) * limits.rate;
    bucket.tokens = Math.min(limits.burst, bucket.tokens + refill);
    bucket.at = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
