// PublishVersion: snapshots $LATEST as the next numbered version (Pending until settled), guarded
// by CodeSha256 and RevisionId; with nothing changed since the last version, returns that one.

import type { FunctionConfiguration, PublishVersionRequest } from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import { parseFunctionRef, qualifiedArn } from '../arns.js';
import type { LambdaCore } from '../core.js';
import { invalidParameter } from '../errors.js';
import { assertSettled, checkRevision } from '../guards.js';
import { publishInto } from '../publish.js';
import { validateDescription } from '../validate.js';
import { configView } from '../views.js';

export async function publishVersion(
  input: PublishVersionRequest,
  ctx: ActionContext<LambdaCore>,
): Promise<FunctionConfiguration> {
  const core = ctx.state;
  const { name } = parseFunctionRef(ctx, input.FunctionName);
  const fn = core.requireFunction(ctx, name);
  validateDescription(input.Description);
  checkRevision(input.RevisionId, fn.latest.revisionId);
  const current = fn.latest.code.sha256;
  if (input.CodeSha256 && input.CodeSha256 !== current) {
    throw invalidParameter(
      `CodeSHA256 (${input.CodeSha256}) is different from current CodeSHA256 in $LATEST (${current}). Please try again with the CodeSHA256 in $LATEST.`,
    );
  }
  assertSettled(ctx, fn);
  const draft = core.store.draft(fn);
  const { version, created } = publishInto(draft, input.Description, ctx.cloud.clock.now());
  if (created) {
    await core.store.put(ctx.cloud, draft);
    core.lifecycle.schedule(name, version.version);
  }
  return configView(ctx, name, version, {
    arn: qualifiedArn(ctx, name, version.version),
  }) satisfies FunctionConfiguration;
}
