// ListVersionsByFunction: $LATEST then every published version, each under its qualified ARN.

import type { ListVersionsByFunctionRequest, ListVersionsByFunctionResponse } from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import { parseFunctionRef, qualifiedArn } from '../arns.js';
import type { LambdaCore } from '../core.js';
import { page } from '../guards.js';
import { versionKey } from '../listing.js';
import { configView } from '../views.js';

export function listVersionsByFunction(
  input: ListVersionsByFunctionRequest,
  ctx: ActionContext<LambdaCore>,
): ListVersionsByFunctionResponse {
  const { name } = parseFunctionRef(ctx, input.FunctionName);
  const fn = ctx.state.requireFunction(ctx, name);
  const versions = [fn.latest, ...Object.values(fn.versions)].sort((a, b) =>
    versionKey(a.version) < versionKey(b.version) ? -1 : 1,
  );
  const { items, nextMarker } = page(versions, (v) => versionKey(v.version), input.Marker, input.MaxItems);
  return {
    Versions: items.map((v) =>
      configView(ctx, name, v, { arn: qualifiedArn(ctx, name, v.version), states: false }),
    ),
    NextMarker: nextMarker,
  } satisfies ListVersionsByFunctionResponse;
}
