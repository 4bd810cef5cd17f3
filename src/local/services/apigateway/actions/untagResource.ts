// UntagResource: removes tag keys from an API or a stage.

import type { UntagResourceRequest } from '@aws-sdk/client-apigatewayv2';
import type { ActionContext } from '../../../service.js';
import type { ApiGatewayState } from '../state.js';
import { setTags } from './tagWrite.js';

export async function untagResource(
  input: UntagResourceRequest,
  ctx: ActionContext<ApiGatewayState>,
): Promise<object> {
  const drop = new Set(input.TagKeys ?? []);
  await setTags(ctx, input.ResourceArn, (tags) =>
    Object.fromEntries(Object.entries(tags).filter(([k]) => !drop.has(k))),
  );
  return {};
}
