// SSM DescribeParameters: metadata only (never a value) for the parameters matching the legacy
// Filters or the ParameterFilters (Name, Type, KeyId, Path, Tier, DataType, tag:…), by name.

import type {
  DescribeParametersRequest,
  DescribeParametersResult,
  ParametersFilter,
} from '@aws-sdk/client-ssm';
import type { ActionContext } from '../../../service.js';
import { matchesFilters, validateFilters } from '../filters.js';
import { pageOf } from '../paging.js';
import type { SsmState } from '../state.js';
import type { ParameterRecord } from '../store.js';
import { Violations, validation } from '../validate.js';
import { toMetadata } from '../views.js';

export function describeParameters(
  input: DescribeParametersRequest,
  ctx: ActionContext<SsmState>,
): DescribeParametersResult {
  const v = new Violations();
  v.range(input.MaxResults, 'maxResults', 1, 50);
  input.Filters?.forEach((f, i) => {
    const at = `filters.${i + 1}.member`;
    v.required(f.Key, `${at}.key`);
    v.oneOf(f.Key, `${at}.key`, ['Name', 'Type', 'KeyId']);
    v.required(f.Values, `${at}.values`);
    v.length(f.Values, `${at}.values`, 1, 50);
  });
  v.check();
  if (input.Filters && input.ParameterFilters)
    throw validation('You can use either Filters or ParameterFilters in a single request.');
  validateFilters(input.ParameterFilters, false);

  // Nothing is shared with this account from elsewhere.
  const all = input.Shared ? [] : [...ctx.state.params.byKey.values()];
  const matching = all
    .filter((p) => matchesLegacy(p, input.Filters) && matchesFilters(p, input.ParameterFilters))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const { page, nextToken } = pageOf(matching, (p) => p.name, input.NextToken, input.MaxResults ?? 10);
  return {
    Parameters: page.map((p) => toMetadata(ctx, p)),
    NextToken: nextToken,
  } satisfies DescribeParametersResult;
}

/** The deprecated Filters: Name matches by prefix, Type and KeyId exactly. */
function matchesLegacy(param: ParameterRecord, filters: ParametersFilter[] | undefined): boolean {
  const current = param.history[param.history.length - 1];
  return (filters ?? []).every((f) => {
    const values = f.Values ?? [];
    if (f.Key === 'Name') return values.some((value) => param.name.startsWith(value));
    if (f.Key === 'Type') return values.includes(current.type);
    return current.keyId !== undefined && values.includes(current.keyId);
  });
}
