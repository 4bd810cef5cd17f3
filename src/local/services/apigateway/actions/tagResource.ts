// TagResource: adds tags to an API or a stage.

import type { TagResourceRequest, TagResourceResponse } from '@aws-sdk/client-apigatewayv2';
import type { ActionContext } from '../../../service.js';
import type { ApiGatewayState } from '../state.js';
import { setTags } from './tagWrite.js';

export async function tagResource(
  input: TagResourceRequest,
  ctx: ActionContext<ApiGatewayState>,
): Promise<TagResourceResponse> {
  await setTags(ctx, input.ResourceArn, (tags) => ({ ...tags, ...input.Tags }));
  return {} satisfies TagResourceResponse;
}
