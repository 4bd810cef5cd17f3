// CreateStage: `$default` serves the API at its root; a named stage serves it under `/<stage>`.

import type { CreateStageRequest, CreateStageResponse } from '@aws-sdk/client-apigatewayv2';
import { AwsServiceError } from '../../../errors.js';
import type { ActionContext } from '../../../service.js';
import { putChild } from '../children.js';
import { type ApiGatewayState, defined, toStage } from '../state.js';
import { badRequest } from '../validate.js';

export async function createStage(
  input: CreateStageRequest,
  ctx: ActionContext<ApiGatewayState>,
): Promise<CreateStageResponse> {
  const rec = ctx.state.requireApi(input.ApiId);
  const name = input.StageName;
  if (!name || !/^(\$default|[A-Za-z0-9_-]{1,128})$/.test(name))
    throw badRequest(`Invalid stage name: ${String(name)}`);
  if (rec.stages[name]) throw new AwsServiceError('ConflictException', `Stage ${name} already exists`, 409);
  const { ApiId, ...fields } = input;
  const now = ctx.cloud.clock.now();
  const stage = await putChild(ctx, ApiId!, 'stages', name, {
    AutoDeploy: false,
    Tags: {},
    ...defined(fields),
    StageName: name,
    createdAt: now,
    updatedAt: now,
  });
  return toStage(stage) satisfies CreateStageResponse;
}
