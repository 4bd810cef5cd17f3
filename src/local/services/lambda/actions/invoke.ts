// Invoke: RequestResponse runs the function now (errors come back as X-Amz-Function-Error:
// Unhandled with a 200); Event is accepted durably into the async queue (202); DryRun only checks
// that the call would be allowed (204).

import type { InvocationRequest, InvocationResponse } from '@aws-sdk/client-lambda';
import { AwsServiceError } from '../../../errors.js';
import type { ActionContext } from '../../../service.js';
import { parseFunctionRef, validationError } from '../arns.js';
import type { LambdaCore } from '../core.js';
import { tooLarge } from '../errors.js';
import { MAX_ASYNC_PAYLOAD, MAX_SYNC_PAYLOAD, parsePayload, resolveTarget } from '../invoker.js';

/** Tail returns the last 4 KB of the invocation's log. */
const TAIL_BYTES = 4096;

export async function invoke(
  input: InvocationRequest,
  ctx: ActionContext<LambdaCore>,
): Promise<InvocationResponse> {
  const core = ctx.state;
  const type = input.InvocationType ?? 'RequestResponse';
  if (type !== 'RequestResponse' && type !== 'Event' && type !== 'DryRun') {
    throw validationError(
      `Value '${type}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]`,
    );
  }
  if (input.LogType !== undefined && input.LogType !== 'None' && input.LogType !== 'Tail') {
    throw validationError(
      `Value '${input.LogType}' at 'logType' failed to satisfy constraint: Member must satisfy enum value set: [None, Tail]`,
    );
  }
  const size = input.Payload?.length ?? 0;
  if (type === 'Event' && size > MAX_ASYNC_PAYLOAD) {
    throw tooLarge(
      `${size} byte payload is too large for the Event invocation type (limit ${MAX_ASYNC_PAYLOAD} bytes)`,
    );
  }
  if (size > MAX_SYNC_PAYLOAD) {
    throw tooLarge(`Request must be smaller than ${MAX_SYNC_PAYLOAD} bytes for the InvokeFunction operation`);
  }
  const ref = parseFunctionRef(ctx, input.FunctionName, input.Qualifier);
  const target = resolveTarget(core.store, ctx, ref);
  const payload = parsePayload(input.Payload);
  const clientContext = decodeClientContext(input.ClientContext);

  if (type === 'DryRun') return { StatusCode: 204 } satisfies InvocationResponse;
  if (type === 'Event') {
    await core.enqueueEvent(target, payload, ctx.requestId);
    return { StatusCode: 202 } satisfies InvocationResponse;
  }
  const outcome = await core.invoker.run(ctx, target, payload, { requestId: ctx.requestId, clientContext });
  return {
    StatusCode: 200,
    Payload: outcome.payload,
    FunctionError: outcome.functionError,
    LogResult:
      input.LogType === 'Tail'
        ? Buffer.from(outcome.logTail).subarray(-TAIL_BYTES).toString('base64')
        : undefined,
    ExecutedVersion: target.executedVersion,
  } satisfies InvocationResponse;
}

/** ClientContext travels base64-encoded JSON (at most 3583 bytes); the function gets the JSON text. */
function decodeClientContext(encoded: string | undefined): string | undefined {
  if (encoded === undefined || encoded === '') return undefined;
  const text = Buffer.from(encoded, 'base64').toString('utf8');
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) throw new TypeError('not an object');
  } catch {
    throw new AwsServiceError(
      'InvalidRequestContentException',
      'Client context must be a valid Base64-encoded JSON object.',
      400,
    );
  }
  return text;
}
