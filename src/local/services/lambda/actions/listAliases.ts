// ListAliases: a function's aliases, optionally only those pointing at one version.

import type { ListAliasesRequest, ListAliasesResponse } from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import { parseFunctionRef } from '../arns.js';
import type { LambdaCore } from '../core.js';
import { page } from '../guards.js';
import { aliasView } from '../views.js';

export function listAliases(input: ListAliasesRequest, ctx: ActionContext<LambdaCore>): ListAliasesResponse {
  const ref = parseFunctionRef(ctx, input.FunctionName);
  const fn = ctx.state.requireFunction(ctx, ref.name);
  const aliases = Object.values(fn.aliases)
    .filter((a) => input.FunctionVersion === undefined || a.functionVersion === input.FunctionVersion)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const { items, nextMarker } = page(aliases, (a) => a.name, input.Marker, input.MaxItems);
  return {
    Aliases: items.map((a) => aliasView(ctx, fn.name, a)),
    NextMarker: nextMarker,
  } satisfies ListAliasesResponse;
}
