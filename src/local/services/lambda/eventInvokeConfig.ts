// Validation shared by Put/UpdateFunctionEventInvokeConfig: retry and age bounds, destination ARNs
// Lambda accepts (SQS, SNS, EventBridge, S3 for failures, another function), and the execution
// role's permission to send to them.

import type { DestinationConfig } from '@aws-sdk/client-lambda';
import type { Cloud } from '../../cloud.js';
import type { IamInternal } from '../iam/internal.js';
import { parseFunctionRef, parseUnqualifiedArn, validationError } from './arns.js';
import { invalidParameter, notFound } from './errors.js';
import { type FunctionState, LATEST } from './model.js';
import { requireQualifier } from './resolve.js';
import type { FunctionStore } from './store.js';
import { validateRange } from './validate.js';

const DESTINATION =
  /^arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9-])+:([a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\d{1})?:(\d{12})?:(.*)$/;

export function validateLimits(retries: number | undefined, maxAge: number | undefined): void {
  validateRange('maximumRetryAttempts', retries, 0, 2);
  validateRange('maximumEventAgeInSeconds', maxAge, 60, 21600);
}

export function validateDestinations(
  store: FunctionStore,
  fn: FunctionState,
  config: DestinationConfig | undefined,
): void {
  const onSuccess = config?.OnSuccess?.Destination;
  const onFailure = config?.OnFailure?.Destination;
  let invalid = false;
  for (const [arn, field] of [
    [onSuccess, 'onSuccess'],
    [onFailure, 'onFailure'],
  ] as const) {
    if (!arn) continue;
    if (!DESTINATION.test(arn)) {
      throw validationError(
        `Value '${arn}' at 'destinationConfig.${field}.destination' failed to satisfy constraint: Member must satisfy regular expression pattern: ^$|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)`,
      );
    }
    const service = arn.split(':')[2];
    if (service === 'lambda') {
      const target = parseUnqualifiedArn(arn);
      if (!target || !store.get(target.name))
        throw invalidParameter(`The destination ARN ${arn} is invalid.`);
      if (target.name === fn.name)
        throw invalidParameter("You can't specify the function as a destination for itself.");
    } else if (!['sqs', 'sns', 'events'].includes(service) && !(service === 's3' && field === 'onFailure')) {
      invalid = true;
    }
  }
  if (invalid) {
    const part = (kind: string, arn: string | undefined) => (arn ? `${kind}(destination=${arn})` : 'null');
    throw invalidParameter(
      `The provided destination config DestinationConfig(onSuccess=${part('OnSuccess', onSuccess)}, onFailure=${part('OnFailure', onFailure)}) is invalid.`,
    );
  }
}

/** The call Lambda makes as the execution role to deliver a record, per destination service. */
const DELIVERY_CALL: Record<string, { action: string; operation: string }> = {
  sqs: { action: 'sqs:SendMessage', operation: 'SendMessage' },
  sns: { action: 'sns:Publish', operation: 'Publish' },
  lambda: { action: 'lambda:InvokeFunction', operation: 'InvokeFunction' },
  events: { action: 'events:PutEvents', operation: 'PutEvents' },
};

/** The execution role of the version a config key ('$LATEST', a version or an alias) runs. */
function roleOf(fn: FunctionState, key: string): string {
  const version = fn.aliases[key]?.functionVersion ?? key;
  return (version === LATEST ? fn.latest : (fn.versions[version] ?? fn.latest)).role;
}

/**
 * AWS checks at configuration time that the execution role may deliver to each destination
 * (sqs:SendMessage, sns:Publish, lambda:InvokeFunction, events:PutEvents). Checked when the role is
 * one the local IAM knows; CreateFunction here accepts roles IAM never saw, and those go unchecked.
 * S3 destinations (s3:PutObject + s3:ListBucket) are not checked: AWS's wording is not documented.
 */
export function checkDestinationPermissions(
  cloud: Cloud,
  fn: FunctionState,
  key: string,
  config: DestinationConfig | undefined,
): void {
  const destinations = [config?.OnSuccess?.Destination, config?.OnFailure?.Destination].filter(
    (arn): arn is string => !!arn,
  );
  if (destinations.length === 0) return;
  let iam: IamInternal;
  try {
    iam = cloud.api('iam');
  } catch {
    return;
  }
  const role = roleOf(fn, key);
  if (!iam.getRole(role)) return;
  for (const arn of destinations) {
    const call = DELIVERY_CALL[arn.split(':')[2] ?? ''];
    if (call && !iam.roleAllows(role, call.action, arn)) {
      throw invalidParameter(
        `The function's execution role does not have permissions to call ${call.operation} on ${arn}`,
      );
    }
  }
}

/** Put/Update answer "The function doesn't exist." for a missing function or qualifier. */
export function requireTarget(
  store: FunctionStore,
  where: { region: string; accountId: string },
  name: string,
  qualifier: string | undefined,
): { fn: FunctionState; key: string } {
  const fn = store.get(name);
  if (!fn) throw notFound("The function doesn't exist.");
  try {
    return { fn, key: requireQualifier(where, fn, qualifier) };
  } catch {
    throw notFound("The function doesn't exist.");
  }
}

/** What Put and Update share: at least one setting, limits in range, and an existing target. */
export function checkedTarget(
  store: FunctionStore,
  ctx: { region: string; accountId: string },
  input: {
    FunctionName?: string;
    Qualifier?: string;
    MaximumRetryAttempts?: number;
    MaximumEventAgeInSeconds?: number;
    DestinationConfig?: DestinationConfig;
  },
): { fn: FunctionState; key: string } {
  if (
    input.MaximumRetryAttempts === undefined &&
    input.MaximumEventAgeInSeconds === undefined &&
    input.DestinationConfig === undefined
  ) {
    throw invalidParameter('You must specify at least one of error handling or destination setting.');
  }
  validateLimits(input.MaximumRetryAttempts, input.MaximumEventAgeInSeconds);
  const ref = parseFunctionRef(ctx, input.FunctionName, input.Qualifier);
  return requireTarget(store, ctx, ref.name, ref.qualifier);
}
