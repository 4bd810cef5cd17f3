// HTTP API response parameter mapping (an integration's ResponseParameters): per status code the
// integration answered, overwrite the status code, or append/overwrite/remove headers, with static
// values or values from the response and context.

import { AwsServiceError } from '../../../errors.js';
import type { IncomingCall } from './events.js';
import type { HttpAnswer } from './responses.js';
import { parseMappingValue, resolveMappingValue } from './selection.js';

const DESTINATION =
  /^(?:overwrite:statuscode|(?:append|overwrite|remove):header\.[A-Za-z0-9!#$%&'*+.^_`|~-]+)$/;

const invalidMapping = (reason: string) =>
  new AwsServiceError(
    'BadRequestException',
    `Invalid mapping expression specified: Validation Result: warnings : [], errors : [${reason}]`,
    400,
  );

export function validateResponseParameters(
  mappings: Record<string, Record<string, string>> | undefined,
): void {
  for (const [status, params] of Object.entries(mappings ?? {})) {
    if (!/^[2-5]\d\d$/.test(status))
      throw invalidMapping(`Invalid status code ${status}: it must be between 200 and 599`);
    for (const [destination, value] of Object.entries(params)) {
      if (!DESTINATION.test(destination)) throw invalidMapping(`Invalid mapping destination: ${destination}`);
      if (!destination.startsWith('remove:') && !parseMappingValue(value))
        throw invalidMapping(`Invalid source: ${value} specified for destination: ${destination}`);
    }
  }
}

/** Applies the mappings for the status the integration answered with; values that resolve to nothing are skipped. */
export function applyResponseParameters(
  mappings: Record<string, Record<string, string>> | undefined,
  answer: HttpAnswer,
  call: IncomingCall,
): HttpAnswer {
  const params = mappings?.[String(answer.status)];
  if (!params) return answer;
  const out: HttpAnswer = { ...answer, headers: { ...answer.headers } };
  for (const [destination, value] of Object.entries(params)) {
    const [action, target] = destination.split(':') as [string, string];
    if (action === 'remove') {
      delete out.headers[target.slice('header.'.length).toLowerCase()];
      continue;
    }
    // Values read the integration's own response, not what earlier mappings made of it.
    const resolved = resolveMappingValue(value, call, answer);
    if (resolved === undefined) continue;
    if (target === 'statuscode') {
      const status = Number(resolved);
      if (Number.isInteger(status) && status >= 100 && status <= 599) out.status = status;
      continue;
    }
    const name = target.slice('header.'.length).toLowerCase();
    const existing = out.headers[name];
    out.headers[name] =
      action === 'append' && existing !== undefined
        ? [...(Array.isArray(existing) ? existing : [existing]), resolved]
        : resolved;
  }
  return out;
}
