// UpdateAlias: moves an alias to another version and/or changes its routing weights; RevisionId
// guards against lost updates. An empty AdditionalVersionWeights removes the split.

import { randomUUID } from 'node:crypto';
import type { AliasConfiguration, UpdateAliasRequest } from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import { requireVersion, routingWeights } from '../aliases.js';
import { parseFunctionRef, qualifiedArn } from '../arns.js';
import type { LambdaCore } from '../core.js';
import { notFound } from '../errors.js';
import { checkRevision } from '../guards.js';
import { validateDescription } from '../validate.js';
import { aliasView } from '../views.js';

export async function updateAlias(
  input: UpdateAliasRequest,
  ctx: ActionContext<LambdaCore>,
): Promise<AliasConfiguration> {
  const core = ctx.state;
  const ref = parseFunctionRef(ctx, input.FunctionName);
  const fn = core.requireFunction(ctx, ref.name);
  const current = fn.aliases[input.Name ?? ''];
  if (!current) throw notFound(`Alias not found: ${qualifiedArn(ctx, fn.name, input.Name ?? '')}`);
  checkRevision(input.RevisionId, current.revisionId);
  validateDescription(input.Description);
  const version =
    input.FunctionVersion !== undefined
      ? requireVersion(ctx, fn, input.FunctionVersion)
      : current.functionVersion;
  const weights =
    input.RoutingConfig !== undefined
      ? routingWeights(ctx, fn, version, input.RoutingConfig)
      : current.weights && routingWeights(ctx, fn, version, { AdditionalVersionWeights: current.weights });
  const alias = {
    ...current,
    functionVersion: version,
    description: input.Description ?? current.description,
    weights,
    revisionId: randomUUID(),
  };
  const draft = core.store.draft(fn);
  draft.aliases[alias.name] = alias;
  await core.store.put(ctx.cloud, draft);
  return aliasView(ctx, fn.name, alias) satisfies AliasConfiguration;
}
