// UntagResource: removes tag keys from a function; $LATEST gets a new RevisionId.

import { randomUUID } from 'node:crypto';
import type { UntagResourceRequest } from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import { validationError } from '../arns.js';
import type { LambdaCore } from '../core.js';
import { taggedFunction } from '../tagging.js';

export async function untagResource(
  input: UntagResourceRequest,
  ctx: ActionContext<LambdaCore>,
): Promise<void> {
  const core = ctx.state;
  const fn = taggedFunction(core, ctx, input.Resource);
  if (!input.TagKeys || input.TagKeys.length === 0) {
    throw validationError("Value null at 'tagKeys' failed to satisfy constraint: Member must not be null");
  }
  const draft = core.store.draft(fn);
  for (const key of input.TagKeys) delete draft.tags[key];
  draft.latest.revisionId = randomUUID();
  await core.store.put(ctx.cloud, draft);
}
