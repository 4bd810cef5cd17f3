// The error documents Lambda itself returns as an Invoke payload when the function could not
// answer (timeout, crashed runtime, oversized response); shapes as AWS returns them today.

import { MAX_RESPONSE_BYTES } from './protocol.js';

export interface FailureDocument {
  errorType: string;
  errorMessage: string;
}

const encode = (doc: FailureDocument): Buffer => Buffer.from(JSON.stringify(doc));

/** `{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: … Error: Task timed out after 3.00 seconds"}` */
export const timedOut = (requestId: string, seconds: number): Buffer =>
  encode({
    errorType: 'Sandbox.Timedout',
    errorMessage: `RequestId: ${requestId} Error: Task timed out after ${seconds.toFixed(2)} seconds`,
  });

/** `{"errorType":"Runtime.ExitError","errorMessage":"RequestId: … Error: Runtime exited with error: exit status 1"}` */
export const exited = (requestId: string, reason: string): Buffer =>
  encode({ errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: ${reason}` });

export const responseTooLarge = (): Buffer =>
  encode({
    errorType: 'Function.ResponseSizeTooLarge',
    errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
  });

/** The errorType of a runtime-posted error body, when the header did not carry it. */
export function errorTypeOf(body: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { errorType?: unknown };
    return typeof parsed.errorType === 'string' ? parsed.errorType : undefined;
  } catch {
    return undefined;
  }
}
