// LambdaInternal for other services: API Gateway invokes synchronously, EventBridge/S3/SQS and
// Lambda destinations queue events; both must pass the resource policy for a calling service principal.

import { randomUUID } from 'node:crypto';
import { parseFunctionRef } from './arns.js';
import type { LambdaCore } from './core.js';
import { tooLarge } from './errors.js';
import type { InternalInvokeRequest, LambdaInternal } from './internal.js';
import { MAX_ASYNC_PAYLOAD, MAX_SYNC_PAYLOAD, resolveTarget, type Target } from './invoker.js';
import { checkInvoke } from './policy.js';

export function lambdaInternal(core: LambdaCore): LambdaInternal {
  const where = core.home;

  const authorize = (request: Omit<InternalInvokeRequest, 'payload'>): Target => {
    const ref = parseFunctionRef(where, request.functionArn);
    const target = resolveTarget(core.store, where, ref);
    if (request.principal !== undefined) {
      checkInvoke(
        target.fn.policies[target.qualifier],
        request.principal,
        request.sourceArn,
        where.accountId,
        target.invokedArn,
      );
    }
    return target;
  };

  return {
    authorize(request) {
      authorize(request);
    },

    async invoke(request) {
      if (request.payload.length > MAX_SYNC_PAYLOAD) {
        throw tooLarge(
          `Request must be smaller than ${MAX_SYNC_PAYLOAD} bytes for the InvokeFunction operation`,
        );
      }
      const target = authorize(request);
      const outcome = await core.invoker.run(where, target, request.payload);
      return {
        payload: outcome.payload,
        functionError: outcome.functionError,
        executedVersion: target.executedVersion,
      };
    },

    async invokeAsync(request) {
      if (request.payload.length > MAX_ASYNC_PAYLOAD) {
        throw tooLarge(
          `${request.payload.length} byte payload is too large for the Event invocation type (limit ${MAX_ASYNC_PAYLOAD} bytes)`,
        );
      }
      const target = authorize(request);
      await core.enqueueEvent(target, request.payload, randomUUID(), request.destinationChain);
    },
  };
}
