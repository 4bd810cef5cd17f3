// TagResource: adds or overwrites tags on a function (at most 50); $LATEST gets a new RevisionId.

import { randomUUID } from 'node:crypto';
import type { TagResourceRequest } from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import type { LambdaCore } from '../core.js';
import { invalidParameter } from '../errors.js';
import { taggedFunction } from '../tagging.js';
import { validateTagCount } from '../validate.js';

export async function tagResource(input: TagResourceRequest, ctx: ActionContext<LambdaCore>): Promise<void> {
  const core = ctx.state;
  const fn = taggedFunction(core, ctx, input.Resource);
  if (!input.Tags || Object.keys(input.Tags).length === 0) {
    throw invalidParameter('An error occurred and the request cannot be processed.');
  }
  const tags = { ...fn.tags, ...input.Tags };
  validateTagCount(tags);
  const draft = core.store.draft(fn);
  draft.tags = tags;
  draft.latest.revisionId = randomUUID();
  await core.store.put(ctx.cloud, draft);
}
