// The one write path for tags, shared by TagResource and UntagResource.

import type { ActionContext } from '../../../service.js';
import { putChild } from '../children.js';
import type { ApiGatewayState } from '../state.js';
import { tagTarget } from './tags.js';

type Tags = Record<string, string>;

export async function setTags(
  ctx: ActionContext<ApiGatewayState>,
  arn: string | undefined,
  change: (tags: Tags) => Tags,
) {
  const { apiId, stage } = tagTarget(ctx.state, arn);
  const rec = ctx.state.requireApi(apiId);
  if (stage) {
    const current = rec.stages[stage];
    await putChild(ctx, apiId, 'stages', stage, { ...current, Tags: change(current.Tags ?? {}) });
  } else {
    await ctx.cloud.persistence.commit('apigateway', 'putApi', {
      api: { ...rec.api, Tags: change(rec.api.Tags ?? {}) },
    });
  }
}
