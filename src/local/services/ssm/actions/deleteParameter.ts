// SSM DeleteParameter: removes a parameter with all its versions, labels and tags.

import type { DeleteParameterRequest, DeleteParameterResult } from '@aws-sdk/client-ssm';
import type { ActionContext } from '../../../service.js';
import { checkReadableName } from '../names.js';
import type { SsmState } from '../state.js';
import { paramKey } from '../store.js';
import { Violations } from '../validate.js';
import { parameterNotFound } from '../views.js';

export async function deleteParameter(
  input: DeleteParameterRequest,
  ctx: ActionContext<SsmState>,
): Promise<DeleteParameterResult> {
  const v = new Violations();
  v.required(input.Name, 'name');
  v.length(input.Name, 'name', 1, 2048);
  v.check();
  const name = input.Name!;
  checkReadableName(name);
  if (!ctx.state.params.get(name)) throw parameterNotFound();
  await ctx.cloud.persistence.commit('ssm', 'delete', { keys: [paramKey(name)] });
  return {} satisfies DeleteParameterResult;
}
