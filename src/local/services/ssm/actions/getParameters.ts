// SSM GetParameters: up to 10 names (or ARNs, with selectors) at once; the ones that do not resolve
// come back in InvalidParameters instead of failing the call.

import type { GetParametersRequest, GetParametersResult, Parameter } from '@aws-sdk/client-ssm';
import { AwsServiceError } from '../../../errors.js';
import type { ActionContext } from '../../../service.js';
import type { SsmState } from '../state.js';
import { Violations } from '../validate.js';
import { resolve, toParameter } from '../views.js';

export function getParameters(
  input: GetParametersRequest,
  ctx: ActionContext<SsmState>,
): GetParametersResult {
  const v = new Violations();
  v.required(input.Names, 'names');
  v.length(input.Names, 'names', 1, 10);
  v.check();
  const parameters: Parameter[] = [];
  const invalid: string[] = [];
  // Asking twice for one name returns it once.
  for (const name of new Set(input.Names)) {
    try {
      parameters.push(toParameter(ctx.state, ctx, resolve(ctx.state, name), input.WithDecryption));
    } catch (e) {
      if (!(e instanceof AwsServiceError) || !e.code.startsWith('Parameter')) throw e;
      invalid.push(name);
    }
  }
  return { Parameters: parameters, InvalidParameters: invalid } satisfies GetParametersResult;
}
