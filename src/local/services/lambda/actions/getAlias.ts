// GetAlias: one alias of a function.

import type { AliasConfiguration, GetAliasRequest } from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import { parseFunctionRef, qualifiedArn } from '../arns.js';
import type { LambdaCore } from '../core.js';
import { notFound } from '../errors.js';
import { aliasView } from '../views.js';

export function getAlias(input: GetAliasRequest, ctx: ActionContext<LambdaCore>): AliasConfiguration {
  const ref = parseFunctionRef(ctx, input.FunctionName);
  const fn = ctx.state.requireFunction(ctx, ref.name);
  const alias = fn.aliases[input.Name ?? ''];
  if (!alias) throw notFound(`Cannot find alias arn: ${qualifiedArn(ctx, fn.name, input.Name ?? '')}`);
  return aliasView(ctx, fn.name, alias) satisfies AliasConfiguration;
}
