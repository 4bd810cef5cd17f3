// SSM GetParameter: one parameter by name, ARN, `name:version` or `name:label`; a SecureString's
// value is the sealed ciphertext unless WithDecryption is true.

import type { GetParameterRequest, GetParameterResult } from '@aws-sdk/client-ssm';
import type { ActionContext } from '../../../service.js';
import type { SsmState } from '../state.js';
import { Violations } from '../validate.js';
import { resolve, toParameter } from '../views.js';

export function getParameter(input: GetParameterRequest, ctx: ActionContext<SsmState>): GetParameterResult {
  const v = new Violations();
  v.required(input.Name, 'name');
  v.length(input.Name, 'name', 1, 2048);
  v.check();
  const resolved = resolve(ctx.state, input.Name!);
  return {
    Parameter: toParameter(ctx.state, ctx, resolved, input.WithDecryption),
  } satisfies GetParameterResult;
}
