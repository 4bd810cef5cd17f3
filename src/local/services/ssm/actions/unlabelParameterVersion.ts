// SSM UnlabelParameterVersion: detaches labels from one version; labels that version does not carry
// come back in InvalidLabels.

import type { UnlabelParameterVersionRequest, UnlabelParameterVersionResult } from '@aws-sdk/client-ssm';
import type { ActionContext } from '../../../service.js';
import { checkReadableName } from '../names.js';
import type { SsmState } from '../state.js';
import { paramKey } from '../store.js';
import { Violations } from '../validate.js';
import { parameterNotFound, versionNotFound } from '../views.js';

export async function unlabelParameterVersion(
  input: UnlabelParameterVersionRequest,
  ctx: ActionContext<SsmState>,
): Promise<UnlabelParameterVersionResult> {
  const v = new Violations();
  v.required(input.Name, 'name');
  v.length(input.Name, 'name', 1, 2048);
  v.required(input.ParameterVersion, 'parameterVersion');
  v.required(input.Labels, 'labels');
  v.length(input.Labels, 'labels', 1, 10);
  v.check();
  const name = input.Name!;
  checkReadableName(name);
  const param = ctx.state.params.get(name);
  if (!param) throw parameterNotFound();
  const version = param.history.find((h) => h.version === input.ParameterVersion);
  if (!version) throw versionNotFound(name, input.ParameterVersion!);
  const removed = input.Labels!.filter((l) => version.labels.includes(l));
  const invalid = input.Labels!.filter((l) => !version.labels.includes(l));
  if (removed.length > 0)
    await ctx.cloud.persistence.commit('ssm', 'unlabel', {
      key: paramKey(name),
      version: version.version,
      labels: removed,
    });
  return { RemovedLabels: removed, InvalidLabels: invalid } satisfies UnlabelParameterVersionResult;
}
