// SSM GetParameterHistory: every retained version of a parameter, oldest first, with its labels;
// SecureString values stay sealed unless WithDecryption is true.

import type { GetParameterHistoryRequest, GetParameterHistoryResult } from '@aws-sdk/client-ssm';
import type { ActionContext } from '../../../service.js';
import { checkReadableName, parseReference } from '../names.js';
import { pageOf } from '../paging.js';
import type { SsmState } from '../state.js';
import { Violations } from '../validate.js';
import { parameterNotFound, toHistory } from '../views.js';

export function getParameterHistory(
  input: GetParameterHistoryRequest,
  ctx: ActionContext<SsmState>,
): GetParameterHistoryResult {
  const v = new Violations();
  v.required(input.Name, 'name');
  v.length(input.Name, 'name', 1, 2048);
  v.range(input.MaxResults, 'maxResults', 1, 50);
  v.check();
  const ref = parseReference(input.Name!, false);
  checkReadableName(ref.name);
  const param = ref.malformed ? undefined : ctx.state.params.get(ref.name);
  if (!param) throw parameterNotFound();
  const { page, nextToken } = pageOf(
    param.history,
    (h) => h.version,
    input.NextToken,
    input.MaxResults ?? 50,
  );
  return {
    Parameters: page.map((h) => toHistory(ctx.state, param, h, input.WithDecryption)),
    NextToken: nextToken,
  } satisfies GetParameterHistoryResult;
}
