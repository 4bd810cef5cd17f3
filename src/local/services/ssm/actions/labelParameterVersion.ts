// SSM LabelParameterVersion: attaches labels to one version (the latest by default), moving each
// off whichever version held it; malformed labels are reported, not refused.

import type { LabelParameterVersionRequest, LabelParameterVersionResult } from '@aws-sdk/client-ssm';
import { AwsServiceError } from '../../../errors.js';
import type { ActionContext } from '../../../service.js';
import { checkReadableName } from '../names.js';
import type { SsmState } from '../state.js';
import { paramKey } from '../store.js';
import { Violations } from '../validate.js';
import { parameterNotFound, versionNotFound } from '../views.js';

const LABEL = /^[a-zA-Z0-9_.-]+$/;
const MAX_LABELS = 10;

export async function labelParameterVersion(
  input: LabelParameterVersionRequest,
  ctx: ActionContext<SsmState>,
): Promise<LabelParameterVersionResult> {
  const v = new Violations();
  v.required(input.Name, 'name');
  v.length(input.Name, 'name', 1, 2048);
  v.required(input.Labels, 'labels');
  v.length(input.Labels, 'labels', 1, 10);
  for (const label of input.Labels ?? []) v.length(label, 'labels', 1, 100);
  v.check();
  const name = input.Name!;
  checkReadableName(name);
  const param = ctx.state.params.get(name);
  if (!param) throw parameterNotFound();
  const number = input.ParameterVersion ?? param.history[param.history.length - 1].version;
  const version = param.history.find((h) => h.version === number);
  if (!version) throw versionNotFound(name, number);

  // Labels can't look like a version number or use AWS's reserved prefixes.
  const isValid = (l: string) => LABEL.test(l) && !/^\d/.test(l) && !/^(aws|ssm)/i.test(l);
  const valid = [...new Set(input.Labels!.filter(isValid))];
  const invalid = input.Labels!.filter((l) => !isValid(l));
  if (new Set([...version.labels, ...valid]).size > MAX_LABELS)
    throw new AwsServiceError(
      'ParameterVersionLabelLimitExceeded',
      'A parameter version can have maximum 10 labels. Move one or more labels to another version and try again.',
      400,
    );
  if (valid.length > 0)
    await ctx.cloud.persistence.commit('ssm', 'label', {
      key: paramKey(name),
      version: number,
      labels: valid,
    });
  return { InvalidLabels: invalid, ParameterVersion: number } satisfies LabelParameterVersionResult;
}
