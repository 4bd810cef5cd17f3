// UpdateFunctionConfiguration: changes $LATEST's settings; it reports LastUpdateStatus InProgress
// (State stays Active) until the change has settled, and refuses a second update meanwhile.

import { randomUUID } from 'node:crypto';
import type { FunctionConfiguration, UpdateFunctionConfigurationRequest } from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import { parseFunctionRef } from '../arns.js';
import { applyConfig } from '../configInput.js';
import type { LambdaCore } from '../core.js';
import { assertSettled, checkRevision } from '../guards.js';
import { inProgress } from '../lifecycle.js';
import { LATEST } from '../model.js';
import { configView } from '../views.js';

export async function updateFunctionConfiguration(
  input: UpdateFunctionConfigurationRequest,
  ctx: ActionContext<LambdaCore>,
): Promise<FunctionConfiguration> {
  const core = ctx.state;
  const { name } = parseFunctionRef(ctx, input.FunctionName);
  const fn = core.requireFunction(ctx, name);
  checkRevision(input.RevisionId, fn.latest.revisionId);
  assertSettled(ctx, fn);
  const draft = core.store.draft(fn);
  const latest = draft.latest;
  applyConfig(latest, input);
  latest.lastModified = ctx.cloud.clock.now();
  latest.revisionId = randomUUID();
  latest.updateId = randomUUID();
  inProgress(latest);
  await core.store.put(ctx.cloud, draft);
  core.lifecycle.schedule(name, LATEST);
  return configView(ctx, name, latest) satisfies FunctionConfiguration;
}
