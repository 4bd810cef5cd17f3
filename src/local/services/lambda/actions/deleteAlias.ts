// DeleteAlias: removes an alias with its resource policy and async settings; deleting an alias
// that does not exist succeeds, as on AWS.

import type { DeleteAliasRequest } from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import { parseFunctionRef } from '../arns.js';
import type { LambdaCore } from '../core.js';

export async function deleteAlias(input: DeleteAliasRequest, ctx: ActionContext<LambdaCore>): Promise<void> {
  const core = ctx.state;
  const ref = parseFunctionRef(ctx, input.FunctionName);
  const fn = core.requireFunction(ctx, ref.name);
  const name = input.Name ?? '';
  if (!fn.aliases[name]) return;
  const draft = core.store.draft(fn);
  delete draft.aliases[name];
  delete draft.policies[name];
  delete draft.eventInvokeConfigs[name];
  await core.store.put(ctx.cloud, draft);
}
