// ListFunctions: $LATEST of every function (or every version with FunctionVersion=ALL), without
// the state fields AWS leaves out of lists, paged by Marker/MaxItems.

import type {
  FunctionConfiguration,
  ListFunctionsRequest,
  ListFunctionsResponse,
} from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import { qualifiedArn, validationError } from '../arns.js';
import type { LambdaCore } from '../core.js';
import { page } from '../guards.js';
import { versionKey } from '../listing.js';
import { configView } from '../views.js';

export function listFunctions(
  input: ListFunctionsRequest,
  ctx: ActionContext<LambdaCore>,
): ListFunctionsResponse {
  if (input.FunctionVersion !== undefined && input.FunctionVersion !== 'ALL') {
    throw validationError(
      `Value '${input.FunctionVersion}' at 'functionVersion' failed to satisfy constraint: Member must satisfy enum value set: [ALL]`,
    );
  }
  const all = input.FunctionVersion === 'ALL';
  const rows: { key: string; config: FunctionConfiguration }[] = [];
  for (const fn of ctx.state.store.all()) {
    if (!all) {
      rows.push({ key: fn.name, config: configView(ctx, fn.name, fn.latest, { states: false }) });
      continue;
    }
    for (const v of [fn.latest, ...Object.values(fn.versions)]) {
      rows.push({
        key: `${fn.name}:${versionKey(v.version)}`,
        config: configView(ctx, fn.name, v, { arn: qualifiedArn(ctx, fn.name, v.version), states: false }),
      });
    }
  }
  rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const { items, nextMarker } = page(rows, (r) => r.key, input.Marker, input.MaxItems);
  return { Functions: items.map((r) => r.config), NextMarker: nextMarker } satisfies ListFunctionsResponse;
}
