// GetTags: the tags of an API or a stage.

import type { GetTagsRequest, GetTagsResponse } from '@aws-sdk/client-apigatewayv2';
import type { ActionContext } from '../../../service.js';
import type { ApiGatewayState } from '../state.js';
import { tagTarget } from './tags.js';

export function getTags(input: GetTagsRequest, ctx: ActionContext<ApiGatewayState>): GetTagsResponse {
  const { apiId, stage } = tagTarget(ctx.state, input.ResourceArn);
  const rec = ctx.state.requireApi(apiId);
  return { Tags: (stage ? rec.stages[stage].Tags : rec.api.Tags) ?? {} } satisfies GetTagsResponse;
}
