// GetPolicy: the resource-based policy of the function, a version or an alias, as JSON text.

import type { GetPolicyRequest, GetPolicyResponse } from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import { parseFunctionRef } from '../arns.js';
import type { LambdaCore } from '../core.js';
import { notFound } from '../errors.js';
import { LATEST } from '../model.js';
import { policyDocument } from '../policy.js';
import { qualifierRevision } from '../revisions.js';

export function getPolicy(input: GetPolicyRequest, ctx: ActionContext<LambdaCore>): GetPolicyResponse {
  const ref = parseFunctionRef(ctx, input.FunctionName, input.Qualifier);
  const fn = ctx.state.requireFunction(ctx, ref.name);
  const key = ref.qualifier ?? LATEST;
  const statements = fn.policies[key];
  if (!statements || statements.length === 0) throw notFound('The resource you requested does not exist.');
  return {
    Policy: policyDocument(statements),
    RevisionId: qualifierRevision(fn, key),
  } satisfies GetPolicyResponse;
}
