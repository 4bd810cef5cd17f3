// CloudWatch Logs TagResource: tags a log group named by ARN (`arn:aws:logs:…:log-group:<name>`).

import type { TagResourceRequest } from '@aws-sdk/client-cloudwatch-logs';
import type { ActionContext } from '../../../service.js';
import type { LogsState } from '../store.js';
import { checkTagQuota, groupForArn } from '../tagging.js';
import { tagMap, Violations } from '../validate.js';

export async function tagResource(input: TagResourceRequest, ctx: ActionContext<LogsState>): Promise<void> {
  const v = new Violations();
  if (input.tags === undefined) v.add(undefined, 'tags', 'Member must not be null');
  tagMap(v, input.tags);
  v.check();
  const group = groupForArn(ctx.state, input.resourceArn, ctx.accountId);
  checkTagQuota(group, input.tags!);
  await ctx.cloud.persistence.commit('logs', 'tag', { name: group.name, tags: input.tags! });
}
