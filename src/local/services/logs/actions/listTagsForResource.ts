// CloudWatch Logs ListTagsForResource: a log group's tags, by ARN.

import type {
  ListTagsForResourceRequest,
  ListTagsForResourceResponse,
} from '@aws-sdk/client-cloudwatch-logs';
import type { ActionContext } from '../../../service.js';
import type { LogsState } from '../store.js';
import { groupForArn } from '../tagging.js';

export function listTagsForResource(
  input: ListTagsForResourceRequest,
  ctx: ActionContext<LogsState>,
): ListTagsForResourceResponse {
  const group = groupForArn(ctx.state, input.resourceArn, ctx.accountId);
  return { tags: { ...group.tags } } satisfies ListTagsForResourceResponse;
}
