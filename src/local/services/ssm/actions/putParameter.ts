// SSM PutParameter: creates a parameter or, with Overwrite, a new version of it. Checks run in
// AWS's order (model constraints, name rules, type, pattern, tier); SecureString values are sealed
// before the journal record is written, so the plain text never reaches disk.

import type { PutParameterRequest, PutParameterResult } from '@aws-sdk/client-ssm';
import { AwsServiceError } from '../../../errors.js';
import type { ActionContext } from '../../../service.js';
import { validateNewName } from '../names.js';
import type { SsmState } from '../state.js';
import { paramKey, VERSION_LIMIT, type VersionRecord } from '../store.js';
import {
  checkTags,
  DATA_TYPES,
  PARAMETER_TYPES,
  TIERS,
  toTagRecords,
  Violations,
  validation,
} from '../validate.js';

const DEFAULT_KEY_ID = 'alias/aws/ssm';
const STANDARD_MAX = 4096;
const ADVANCED_MAX = 8192;

export async function putParameter(
  input: PutParameterRequest,
  ctx: ActionContext<SsmState>,
): Promise<PutParameterResult> {
  checkModel(input);
  const name = validateNewName(input.Name);
  const value = input.Value!;
  if (input.Overwrite && input.Tags && input.Tags.length > 0)
    throw validation(
      "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove " +
        'overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.',
    );
  const existing = ctx.state.params.get(name);
  // Overwrite keeps whatever the new request leaves out.
  const prev = existing && input.Overwrite ? existing.history[existing.history.length - 1] : undefined;
  const type = input.Type ?? prev?.type;
  if (!type) throw validation('A parameter type is required when you create a parameter.');
  const dataType = input.DataType ?? prev?.dataType ?? 'text';
  if (!DATA_TYPES.includes(dataType))
    throw validation(
      `The following data type is not supported: ${dataType} (Data type names are all lowercase.)`,
    );
  if (input.KeyId !== undefined && type !== 'SecureString')
    throw validation('KeyId is required for SecureString type parameter only.');
  if (existing && !input.Overwrite)
    throw new AwsServiceError(
      'ParameterAlreadyExists',
      'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
      400,
    );

  const allowedPattern = input.AllowedPattern ?? prev?.allowedPattern;
  if (allowedPattern) checkPattern(value, allowedPattern);
  const policies = input.Policies ?? prev?.policies;
  const tier = pickTier(input.Tier ?? prev?.tier ?? 'Standard', prev?.tier, value, policies);
  if (existing && existing.history.length >= VERSION_LIMIT && existing.history[0].labels.length > 0)
    throw new AwsServiceError(
      'ParameterMaxVersionLimitExceeded',
      `You attempted to create a new version of ${name} by calling the PutParameter API with the overwrite flag. ` +
        `Version ${existing.history[0].version}, the oldest version, can't be deleted because it has a label ` +
        'associated with it. Move the label to another version of the parameter, and try again.',
      400,
    );

  const keyId =
    type === 'SecureString'
      ? (input.KeyId ?? (prev?.type === 'SecureString' ? prev.keyId : undefined) ?? DEFAULT_KEY_ID)
      : undefined;
  const record: VersionRecord = {
    version: existing ? existing.history[existing.history.length - 1].version + 1 : 1,
    type,
    value: type === 'SecureString' ? ctx.state.cipher.seal(value, keyId!) : value,
    keyId,
    description: input.Description ?? prev?.description,
    allowedPattern,
    tier,
    dataType,
    policies,
    lastModified: ctx.cloud.clock.now(),
    lastModifiedUser: `arn:aws:iam::${ctx.accountId}:root`,
    labels: [],
  };
  await ctx.cloud.persistence.commit('ssm', 'put', {
    key: paramKey(name),
    name: existing?.name ?? name,
    version: record,
    tags: existing ? undefined : toTagRecords(input.Tags),
  });
  return { Version: record.version, Tier: tier } satisfies PutParameterResult;
}

function checkModel(input: PutParameterRequest): void {
  const v = new Violations();
  v.required(input.Name, 'name');
  v.length(input.Name, 'name', 1, 2048);
  v.required(input.Value, 'value');
  v.length(input.Value, 'value', 1, Number.MAX_SAFE_INTEGER);
  v.oneOf(input.Type, 'type', PARAMETER_TYPES);
  v.oneOf(input.Tier, 'tier', TIERS);
  v.length(input.Description, 'description', 0, 1024);
  v.length(input.AllowedPattern, 'allowedPattern', 0, 1024);
  v.length(input.KeyId, 'keyId', 1, 256);
  v.length(input.Policies, 'policies', 1, 4096);
  v.length(input.DataType, 'dataType', 0, 128);
  checkTags(v, input.Tags);
  v.check();
}

/** AllowedPattern must be a valid regex and match the whole value (AWS validates with Java's matches()). */
function checkPattern(value: string, pattern: string): void {
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${pattern})$`);
  } catch {
    throw new AwsServiceError(
      'InvalidAllowedPatternException',
      `The allowed pattern ${pattern} isn't a valid regular expression.`,
      400,
    );
  }
  if (!re.test(value))
    throw new AwsServiceError(
      'ParameterPatternMismatchException',
      `Parameter value, ${value}, failed to satisfy constraint specified in allowed pattern: ${pattern}.`,
      400,
    );
}

/** Resolves Intelligent-Tiering and enforces each tier's value size and the no-downgrade rule. */
function pickTier(
  requested: string,
  current: 'Standard' | 'Advanced' | undefined,
  value: string,
  policies: string | undefined,
): 'Standard' | 'Advanced' {
  let tier: 'Standard' | 'Advanced';
  if (requested === 'Intelligent-Tiering')
    tier = value.length > STANDARD_MAX || policies || current === 'Advanced' ? 'Advanced' : 'Standard';
  else tier = requested === 'Advanced' ? 'Advanced' : 'Standard';
  if (tier === 'Standard' && current === 'Advanced')
    throw validation(
      "This parameter uses the advanced-parameter tier. You can't downgrade a parameter from the advanced-parameter " +
        'tier to the standard-parameter tier. If necessary, you can delete the advanced parameter and recreate it as a ' +
        'standard parameter.',
    );
  if (tier === 'Standard' && value.length > STANDARD_MAX)
    throw validation(
      `Standard tier parameters support a maximum parameter value of ${STANDARD_MAX} characters. To create a larger ` +
        'parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see ' +
        'https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html',
    );
  if (value.length > ADVANCED_MAX)
    throw validation(
      `Advanced tier parameters support a maximum parameter value of ${ADVANCED_MAX} characters.`,
    );
  return tier;
}
