// The AWS_PROXY → Lambda integration: builds the event, invokes the function as
// apigateway.amazonaws.com (so its resource policy must allow it) and maps the result.

import type { Cloud } from '../../../cloud.js';
import { AwsServiceError } from '../../../errors.js';
import type { ChildKinds } from '../state.js';
import { eventV1, eventV2, type IncomingCall } from './events.js';
import { gatewayError, type HttpAnswer, INTERNAL_ERROR, mapLambdaResult } from './responses.js';

/** IntegrationUri may be a function ARN or `arn:aws:apigateway:<region>:lambda:path/…/functions/<arn>/invocations`. */
export function functionArnOf(uri: string): string {
  const m = /:lambda:path\/[^/]+\/functions\/(.+)\/invocations$/.exec(uri);
  return m ? m[1] : uri;
}

export async function invokeLambdaProxy(
  cloud: Cloud,
  integration: ChildKinds['integrations'],
  call: IncomingCall,
): Promise<HttpAnswer> {
  const version = integration.PayloadFormatVersion ?? '2.0';
  const event = version === '1.0' ? eventV1(call) : eventV2(call);
  const route = call.resourcePath === '$default' ? '$default' : `${call.method}${call.resourcePath}`;
  const sourceArn = `arn:aws:execute-api:${cloud.region}:${call.accountId}:${call.apiId}/${call.stage}/${route}`;
  const timeoutMs = Math.min(integration.TimeoutInMillis ?? 30000, 30000);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    // Real time on purpose: the 30 s integration limit is part of the contract, not an internal delay.
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const outcome = await Promise.race([
      cloud.api('lambda').invoke({
        functionArn: functionArnOf(integration.IntegrationUri ?? ''),
        payload: Buffer.from(JSON.stringify(event)),
        principal: 'apigateway.amazonaws.com',
        sourceArn,
      }),
      timedOut,
    ]);
    if (outcome === 'timeout') return gatewayError(503, 'Service Unavailable');
    if (outcome.functionError) return gatewayError(502, 'Internal Server Error');
    return mapLambdaResult(outcome.payload, version);
  } catch (e) {
    // No permission, no function, throttled: API Gateway answers 500 and logs why.
    cloud.log(
      `apigateway ${call.apiId} ${route}: ${e instanceof AwsServiceError ? `${e.code}: ${e.message}` : String(e)}`,
    );
    return INTERNAL_ERROR();
  } finally {
    clearTimeout(timer);
  }
}
