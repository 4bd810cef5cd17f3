// Finding a parameter version from what a read API was given, and shaping stored versions into
// the SDK's Parameter / ParameterMetadata / ParameterHistory.

import type {
  Parameter,
  ParameterHistory,
  ParameterInlinePolicy,
  ParameterMetadata,
} from '@aws-sdk/client-ssm';
import { AwsServiceError } from '../../errors.js';
import type { ActionContext } from '../../service.js';
import { checkReadableName, parameterArn, parseReference } from './names.js';
import type { SsmState } from './state.js';
import type { ParameterRecord, VersionRecord } from './store.js';

// AWS sends ParameterNotFound with no message at all (SDKs show an empty or "UnknownError" text).
export const parameterNotFound = (): AwsServiceError => new AwsServiceError('ParameterNotFound', '', 400);

export const versionNotFound = (name: string, version: string | number): AwsServiceError =>
  new AwsServiceError(
    'ParameterVersionNotFound',
    `Systems Manager could not find version ${version} of ${name}. Verify the version and try again.`,
    400,
  );

export interface Resolved {
  param: ParameterRecord;
  version: VersionRecord;
  /** `:3` / `:label` when the caller asked with a selector; AWS echoes it back. */
  selector?: string;
}

/** A name or ARN, optionally `name:version` or `name:label`, to the version it denotes. */
export function resolve(state: SsmState, input: string): Resolved {
  const ref = parseReference(input, true);
  checkReadableName(ref.name);
  const param = ref.malformed ? undefined : state.params.get(ref.name);
  if (!param) throw parameterNotFound();
  const current = param.history[param.history.length - 1];
  if (ref.selector === undefined) return { param, version: current };
  const selector = `:${ref.selector}`;
  if (/^\d+$/.test(ref.selector)) {
    const version = param.history.find((v) => v.version === Number(ref.selector));
    if (!version) throw versionNotFound(ref.name, ref.selector);
    return { param, version, selector };
  }
  const version = param.history.find((v) => v.labels.includes(ref.selector!));
  if (!version) throw parameterNotFound();
  return { param, version, selector };
}

/** The stored value as the caller may see it: SecureString stays sealed unless WithDecryption. */
export function valueFor(state: SsmState, version: VersionRecord, decrypt: boolean | undefined): string {
  if (version.type !== 'SecureString' || decrypt !== true) return version.value;
  return state.cipher.open(version.value);
}

export function toParameter(
  state: SsmState,
  ctx: ActionContext<SsmState>,
  r: Resolved,
  decrypt: boolean | undefined,
): Parameter {
  return {
    Name: r.param.name,
    Type: r.version.type,
    Value: valueFor(state, r.version, decrypt),
    Version: r.version.version,
    Selector: r.selector,
    LastModifiedDate: new Date(r.version.lastModified),
    ARN: parameterArn(ctx.region, ctx.accountId, r.param.name),
    DataType: r.version.dataType,
  } satisfies Parameter;
}

export function toMetadata(ctx: ActionContext<SsmState>, param: ParameterRecord): ParameterMetadata {
  const v = param.history[param.history.length - 1];
  return {
    Name: param.name,
    ARN: parameterArn(ctx.region, ctx.accountId, param.name),
    Type: v.type,
    KeyId: v.keyId,
    LastModifiedDate: new Date(v.lastModified),
    LastModifiedUser: v.lastModifiedUser,
    Description: v.description,
    AllowedPattern: v.allowedPattern,
    Version: v.version,
    Tier: v.tier,
    Policies: policiesOf(v),
    DataType: v.dataType,
  } satisfies ParameterMetadata;
}

export function toHistory(
  state: SsmState,
  param: ParameterRecord,
  v: VersionRecord,
  decrypt: boolean | undefined,
): ParameterHistory {
  return {
    Name: param.name,
    Type: v.type,
    KeyId: v.keyId,
    LastModifiedDate: new Date(v.lastModified),
    LastModifiedUser: v.lastModifiedUser,
    Description: v.description,
    Value: valueFor(state, v, decrypt),
    AllowedPattern: v.allowedPattern,
    Version: v.version,
    Labels: [...v.labels],
    Tier: v.tier,
    Policies: policiesOf(v),
    DataType: v.dataType,
  } satisfies ParameterHistory;
}

/** Parameter policies as DescribeParameters lists them; nothing ever runs them here, so Pending. */
function policiesOf(v: VersionRecord): ParameterInlinePolicy[] {
  if (!v.policies) return [];
  try {
    const list: unknown = JSON.parse(v.policies);
    if (!Array.isArray(list)) return [];
    return list.map((p) => ({
      PolicyText: JSON.stringify(p),
      PolicyType:
        typeof p === 'object' && p && 'Type' in p ? String((p as { Type: unknown }).Type) : undefined,
      PolicyStatus: 'Pending',
    }));
  } catch {
    return [];
  }
}
