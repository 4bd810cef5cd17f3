// InvokeAsync (deprecated, still in the SDK): queues the event like Invoke with InvocationType
// Event, limited to 256 KB, and answers Status 202.

import type { Readable } from 'node:stream';
import type { InvokeAsyncRequest, InvokeAsyncResponse } from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import { parseFunctionRef } from '../arns.js';
import type { LambdaCore } from '../core.js';
import { tooLarge } from '../errors.js';
import { parsePayload, resolveTarget } from '../invoker.js';

const MAX_INVOKE_ASYNC_BYTES = 262_144;

export async function invokeAsync(
  input: InvokeAsyncRequest,
  ctx: ActionContext<LambdaCore>,
): Promise<InvokeAsyncResponse> {
  const core = ctx.state;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of (input.InvokeArgs ?? []) as Readable | []) {
    size += (chunk as Buffer).length;
    if (size > MAX_INVOKE_ASYNC_BYTES) {
      throw tooLarge(
        `Request must be smaller than ${MAX_INVOKE_ASYNC_BYTES} bytes for the InvokeAsync operation`,
      );
    }
    chunks.push(chunk as Buffer);
  }
  const ref = parseFunctionRef(ctx, input.FunctionName);
  const target = resolveTarget(core.store, ctx, ref);
  await core.enqueueEvent(target, parsePayload(Buffer.concat(chunks)), ctx.requestId);
  return { Status: 202 } satisfies InvokeAsyncResponse;
}
