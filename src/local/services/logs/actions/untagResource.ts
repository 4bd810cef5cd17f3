// CloudWatch Logs UntagResource: removes tag keys from a log group named by ARN.

import type { UntagResourceRequest } from '@aws-sdk/client-cloudwatch-logs';
import type { ActionContext } from '../../../service.js';
import type { LogsState } from '../store.js';
import { groupForArn } from '../tagging.js';
import { tagKeyList, Violations } from '../validate.js';

export async function untagResource(
  input: UntagResourceRequest,
  ctx: ActionContext<LogsState>,
): Promise<void> {
  const v = new Violations();
  tagKeyList(v, input.tagKeys, 'tagKeys');
  v.check();
  const group = groupForArn(ctx.state, input.resourceArn, ctx.accountId);
  await ctx.cloud.persistence.commit('logs', 'untag', { name: group.name, keys: input.tagKeys! });
}
