// CloudWatch Logs DescribeLogGroups: groups in name order, by prefix or case-insensitive pattern,
// 50 a page at most.

import type { DescribeLogGroupsRequest, DescribeLogGroupsResponse } from '@aws-sdk/client-cloudwatch-logs';
import type { ActionContext } from '../../../service.js';
import { nameFromArn, toLogGroup } from '../resources.js';
import type { LogsState } from '../store.js';
import { pageByKey } from '../tokens.js';
import { groupName, invalidParameter, Violations } from '../validate.js';

export function describeLogGroups(
  input: DescribeLogGroupsRequest,
  ctx: ActionContext<LogsState>,
): DescribeLogGroupsResponse {
  const v = new Violations();
  groupName(v, input.logGroupNamePrefix, false, 'logGroupNamePrefix');
  v.string(input.logGroupNamePattern, 'logGroupNamePattern', {
    max: 512,
    pattern: /^[.\-_/#A-Za-z0-9]*$/,
    patternText: '[\\.\\-_/#A-Za-z0-9]*',
  });
  v.number(input.limit, 'limit', 1, 50);
  v.check();
  if (input.logGroupNamePrefix !== undefined && input.logGroupNamePattern !== undefined)
    throw invalidParameter(
      'LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.',
    );
  if (
    input.logGroupIdentifiers !== undefined &&
    (input.logGroupNamePrefix ?? input.logGroupNamePattern) !== undefined
  )
    throw invalidParameter(
      'logGroupIdentifiers cannot be used with logGroupNamePrefix or logGroupNamePattern.',
    );
  const prefix = input.logGroupNamePrefix ?? '';
  const pattern = input.logGroupNamePattern?.toLowerCase();
  const ids = input.logGroupIdentifiers?.map((id) =>
    id.startsWith('arn:') ? nameFromArn(id, ctx.accountId) : id,
  );
  const groups = [...ctx.state.groups.values()].filter(
    (g) =>
      g.name.startsWith(prefix) &&
      (pattern === undefined || g.name.toLowerCase().includes(pattern)) &&
      (ids === undefined || ids.includes(g.name)) &&
      (input.logGroupClass === undefined || g.logGroupClass === input.logGroupClass),
  );
  const { page, nextToken } = pageByKey(groups, (g) => [g.name], {
    token: input.nextToken,
    limit: input.limit ?? 50,
  });
  const scope = { region: ctx.cloud.region, accountId: ctx.accountId };
  return { logGroups: page.map((g) => toLogGroup(g, scope)), nextToken } satisfies DescribeLogGroupsResponse;
}
