// ListTags: a function's tags.

import type { ListTagsRequest, ListTagsResponse } from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import type { LambdaCore } from '../core.js';
import { taggedFunction } from '../tagging.js';

export function listTags(input: ListTagsRequest, ctx: ActionContext<LambdaCore>): ListTagsResponse {
  const fn = taggedFunction(ctx.state, ctx, input.Resource);
  return { Tags: { ...fn.tags } } satisfies ListTagsResponse;
}
