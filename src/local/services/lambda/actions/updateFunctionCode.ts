// UpdateFunctionCode: replaces $LATEST's package (inline or from the local S3). $LATEST reports
// LastUpdateStatus InProgress until the new code is unpacked; Publish: true also publishes it.

import { randomUUID } from 'node:crypto';
import type { FunctionConfiguration, UpdateFunctionCodeRequest } from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import { parseFunctionRef, qualifiedArn } from '../arns.js';
import type { LambdaCore } from '../core.js';
import { assertSettled, checkRevision } from '../guards.js';
import { inProgress } from '../lifecycle.js';
import { LATEST } from '../model.js';
import { publishInto } from '../publish.js';
import { validateArchitectures } from '../validate.js';
import { configView } from '../views.js';

export async function updateFunctionCode(
  input: UpdateFunctionCodeRequest,
  ctx: ActionContext<LambdaCore>,
): Promise<FunctionConfiguration> {
  const core = ctx.state;
  const { name } = parseFunctionRef(ctx, input.FunctionName);
  const before = core.requireFunction(ctx, name);
  checkRevision(input.RevisionId, before.latest.revisionId);
  assertSettled(ctx, before);
  validateArchitectures(input.Architectures);
  const zip = await core.code.bytesOf(input);
  const code = await core.code.save(zip, core.storedBytes());

  // Re-read after the upload: the function may have changed or gone meanwhile.
  const fn = core.requireFunction(ctx, name);
  checkRevision(input.RevisionId, fn.latest.revisionId);
  assertSettled(ctx, fn);
  const draft = core.store.draft(fn);
  const latest = draft.latest;
  latest.code = code;
  if (input.Architectures) latest.architectures = [...input.Architectures];
  latest.lastModified = ctx.cloud.clock.now();
  latest.revisionId = randomUUID();
  latest.updateId = randomUUID();
  inProgress(latest);
  if (input.DryRun) return configView(ctx, name, latest);
  const published = input.Publish ? publishInto(draft, undefined, latest.lastModified) : undefined;
  await core.store.put(ctx.cloud, draft);
  core.lifecycle.schedule(name, LATEST);
  if (published?.created) core.lifecycle.schedule(name, published.version.version);
  if (published) {
    const v = published.version;
    return configView(ctx, name, v, { arn: qualifiedArn(ctx, name, v.version) });
  }
  return configView(ctx, name, latest) satisfies FunctionConfiguration;
}
