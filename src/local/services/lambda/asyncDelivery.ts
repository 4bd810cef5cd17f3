// Runs one queued asynchronous event the way Lambda does: function errors are retried per
// MaximumRetryAttempts (default 2) after ~1 then ~2 minutes, throttles and system errors back off
// without counting, events older than MaximumEventAgeInSeconds are dropped; each outcome's record
// goes to the OnSuccess/OnFailure destination before the queue closes the event.

import { AwsServiceError } from '../../errors.js';
import { qualifiedArn } from './arns.js';
import type { AsyncItem, Outcome } from './asyncQueue.js';
import type { LambdaCore } from './core.js';
import { type Condition, deliverToDestination, invocationRecord } from './destinations.js';
import { resolveTarget, type Target } from './invoker.js';
import type { InvokeOutcome } from './runtime/index.js';

const DEFAULT_RETRIES = 2;
const DEFAULT_MAX_AGE_S = 21_600;
/** AWS waits about a minute before the first retry and two before the second. */
const RETRY_STEP_MS = 60_000;
/** Throttles back off exponentially from 1 s up to 5 minutes. */
const MAX_THROTTLE_DELAY_MS = 300_000;

export function asyncProcessor(core: LambdaCore): (item: AsyncItem) => Promise<Outcome> {
  const { cloud } = core;
  const where = core.home;
  const drop = (item: AsyncItem, why: string): Outcome => {
    cloud.log(`lambda: dropped async event ${item.id} for ${item.functionName}: ${why}`);
    return { kind: 'done' };
  };

  return async (item) => {
    let target: Target;
    try {
      target = resolveTarget(core.store, where, { name: item.functionName, qualifier: item.qualifier });
    } catch (e) {
      return drop(item, e instanceof Error ? e.message : String(e));
    }
    const config = target.fn.eventInvokeConfigs[target.qualifier];
    const maxRetries = config?.maximumRetryAttempts ?? DEFAULT_RETRIES;
    const maxAgeMs = cloud.clock.scale((config?.maximumEventAgeInSeconds ?? DEFAULT_MAX_AGE_S) * 1000);
    const payload = Buffer.from(item.payload, 'base64');

    // The queue closes the event only once this resolves, so a record is handed to its destination
    // before the event is marked done: after kill -9 it may arrive twice, never not at all.
    const finish = async (condition: Condition, outcome?: InvokeOutcome): Promise<Outcome> => {
      const destination = condition === 'Success' ? config?.onSuccess : config?.onFailure;
      const attempts = item.attempts + (outcome ? 1 : 0);
      if (condition !== 'Success') {
        cloud.log(
          `lambda: async event ${item.id} for ${target.invokedArn} failed (${condition}) after ${attempts} attempt(s)${destination ? `; record goes to ${destination}` : ', dropped'}`,
        );
      }
      if (!destination) return { kind: 'done' };
      const record = invocationRecord({
        requestId: item.id,
        functionArn: qualifiedArn(where, target.fn.name, target.executedVersion),
        condition,
        invokeCount: attempts,
        request: payload,
        executedVersion: target.executedVersion,
        response: outcome?.payload,
        functionError: outcome?.functionError,
        now: cloud.clock.now(),
      });
      try {
        const result = await deliverToDestination(cloud, destination, record, item.chain ?? 0);
        if (!result.delivered) {
          cloud.log(
            `lambda: ${condition} record for ${item.id} → ${destination} not delivered: ${result.note}`,
          );
        }
      } catch (e) {
        if (core.stopping) return { kind: 'abandon' };
        // A deleted or unreachable destination loses the record (AWS's DestinationDeliveryFailures
        // metric); the event itself is finished either way.
        const reason = e instanceof AwsServiceError ? `${e.code}: ${e.message}` : String(e);
        cloud.log(`lambda: ${condition} record for ${item.id} → ${destination} failed: ${reason}`);
      }
      return { kind: 'done' };
    };

    if (cloud.clock.now() - item.acceptedAt > maxAgeMs) return finish('EventAgeExceeded');
    if (target.fn.reservedConcurrency === 0) return finish('ZeroReservedConcurrency');

    let outcome: InvokeOutcome;
    try {
      outcome = await core.invoker.run(where, target, payload, { requestId: item.id });
    } catch (e) {
      if (core.stopping) return { kind: 'abandon' };
      const retryable =
        e instanceof AwsServiceError && (e.status === 429 || e.status === 409 || e.status >= 500);
      if (!retryable) return drop(item, e instanceof Error ? e.message : String(e));
      const delayMs = Math.min(1000 * 2 ** item.throttles, MAX_THROTTLE_DELAY_MS);
      if (cloud.clock.now() + cloud.clock.scale(delayMs) - item.acceptedAt > maxAgeMs) {
        return finish('EventAgeExceeded');
      }
      return { kind: 'retry', attempts: item.attempts, throttles: item.throttles + 1, delayMs };
    }
    if (core.stopping && outcome.functionError) return { kind: 'abandon' };
    if (!outcome.functionError) return finish('Success', outcome);

    const attempts = item.attempts + 1;
    if (attempts > maxRetries) return finish('RetriesExhausted', outcome);
    const delayMs = RETRY_STEP_MS * attempts;
    if (cloud.clock.now() + cloud.clock.scale(delayMs) - item.acceptedAt > maxAgeMs) {
      return finish('EventAgeExceeded', outcome);
    }
    return { kind: 'retry', attempts, throttles: 0, delayMs };
  };
}
