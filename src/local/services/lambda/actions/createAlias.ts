// CreateAlias: a named pointer to a version, optionally splitting traffic with a second version.

import { randomUUID } from 'node:crypto';
import type { AliasConfiguration, CreateAliasRequest } from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import { requireVersion, routingWeights, validateAliasName } from '../aliases.js';
import { parseFunctionRef, qualifiedArn } from '../arns.js';
import type { LambdaCore } from '../core.js';
import { conflict } from '../errors.js';
import { validateDescription } from '../validate.js';
import { aliasView } from '../views.js';

export async function createAlias(
  input: CreateAliasRequest,
  ctx: ActionContext<LambdaCore>,
): Promise<AliasConfiguration> {
  const core = ctx.state;
  const name = validateAliasName(input.Name);
  const ref = parseFunctionRef(ctx, input.FunctionName);
  const fn = core.requireFunction(ctx, ref.name);
  validateDescription(input.Description);
  const version = requireVersion(ctx, fn, input.FunctionVersion);
  if (fn.aliases[name]) throw conflict(`Alias already exists: ${qualifiedArn(ctx, fn.name, name)}`);
  const weights = routingWeights(ctx, fn, version, input.RoutingConfig);
  const draft = core.store.draft(fn);
  const alias = {
    name,
    functionVersion: version,
    description: input.Description ?? '',
    weights,
    revisionId: randomUUID(),
  };
  draft.aliases[name] = alias;
  await core.store.put(ctx.cloud, draft);
  return aliasView(ctx, fn.name, alias) satisfies AliasConfiguration;
}
