// SSM DeleteParameters: up to 10 names in one call; names that do not exist are reported in
// InvalidParameters rather than failing the call.

import type { DeleteParametersRequest, DeleteParametersResult } from '@aws-sdk/client-ssm';
import type { ActionContext } from '../../../service.js';
import type { SsmState } from '../state.js';
import { paramKey } from '../store.js';
import { Violations } from '../validate.js';

export async function deleteParameters(
  input: DeleteParametersRequest,
  ctx: ActionContext<SsmState>,
): Promise<DeleteParametersResult> {
  const v = new Violations();
  v.required(input.Names, 'names');
  v.length(input.Names, 'names', 1, 10);
  v.check();
  const deleted: string[] = [];
  const invalid: string[] = [];
  const keys = new Set<string>();
  for (const name of input.Names!) {
    const key = paramKey(name);
    if (ctx.state.params.byKey.has(key) && !keys.has(key)) {
      keys.add(key);
      deleted.push(name);
    } else if (!keys.has(key)) invalid.push(name);
  }
  if (keys.size > 0) await ctx.cloud.persistence.commit('ssm', 'delete', { keys: [...keys] });
  return { DeletedParameters: deleted, InvalidParameters: invalid } satisfies DeleteParametersResult;
}
