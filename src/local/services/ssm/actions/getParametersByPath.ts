// SSM GetParametersByPath: the parameters under a path (one level, or every level with Recursive),
// narrowed by Type / KeyId / Label filters, ten at most per page.

import type { GetParametersByPathRequest, GetParametersByPathResult } from '@aws-sdk/client-ssm';
import type { ActionContext } from '../../../service.js';
import { BAD_PATH, isValidPath, matchesFilters, validateFilters } from '../filters.js';
import { pageOf } from '../paging.js';
import type { SsmState } from '../state.js';
import type { ParameterRecord } from '../store.js';
import { Violations, validation } from '../validate.js';
import { toParameter } from '../views.js';

export function getParametersByPath(
  input: GetParametersByPathRequest,
  ctx: ActionContext<SsmState>,
): GetParametersByPathResult {
  const v = new Violations();
  v.required(input.Path, 'path');
  v.length(input.Path, 'path', 1, 2048);
  v.range(input.MaxResults, 'maxResults', 1, 10);
  v.check();
  const path = input.Path!;
  if (!isValidPath(path)) throw validation(BAD_PATH);
  validateFilters(input.ParameterFilters, true);

  const base = path.replace(/\/+$/, '');
  const label = input.ParameterFilters?.find((f) => f.Key === 'Label');
  const under = [...ctx.state.params.byKey.values()]
    .filter((p) => isUnder(p, base, input.Recursive === true) && matchesFilters(p, input.ParameterFilters))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const { page, nextToken } = pageOf(under, (p) => p.name, input.NextToken, input.MaxResults ?? 10);
  return {
    Parameters: page.map((param) => {
      // With a Label filter the labelled version is the one returned, not the latest.
      const version =
        (label && param.history.find((h) => h.labels.some((l) => label.Values?.includes(l)))) ||
        param.history[param.history.length - 1];
      return toParameter(ctx.state, ctx, { param, version }, input.WithDecryption);
    }),
    NextToken: nextToken,
  } satisfies GetParametersByPathResult;
}

/** `foo` counts as `/foo`: single-level names live at the root either way. */
function isUnder(param: ParameterRecord, base: string, recursive: boolean): boolean {
  const name = `/${param.name.replace(/^\/+/, '')}`;
  if (!name.startsWith(`${base}/`)) return false;
  return recursive || !name.slice(base.length + 1).includes('/');
}
