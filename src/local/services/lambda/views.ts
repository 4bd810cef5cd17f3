// Renders stored functions, aliases and async settings into the SDK's output shapes, with AWS's
// ARN forms (unqualified for the function, qualified for versions and aliases) and date format.

import { createHash } from 'node:crypto';
import type {
  AliasConfiguration,
  FunctionConfiguration,
  FunctionEventInvokeConfig,
  State,
} from '@aws-sdk/client-lambda';
import { functionArn, qualifiedArn, type Where } from './arns.js';
import type { AliasState, EventInvokeConfigState, VersionState } from './model.js';

/** Lambda's LastModified: ISO 8601 with milliseconds and a `+0000` offset. */
export const lambdaDate = (ms: number): string => new Date(ms).toISOString().replace('Z', '+0000');

/** A stable runtime version ARN per runtime, like AWS's `…::runtime:<sha256>`. */
const runtimeVersionArn = (where: Where, runtime: string): string =>
  `arn:aws:lambda:${where.region}::runtime:${createHash('sha256').update(runtime).digest('hex')}`;

export interface ConfigViewOptions {
  /** The ARN to show: unqualified by default; a version or alias ARN when the caller qualified. */
  arn?: string;
  /** CreateFunction leaves LastUpdateStatus out; list operations leave out every state field. */
  updateStatus?: boolean;
  states?: boolean;
}

export function configView(
  where: Where,
  name: string,
  v: VersionState,
  opts: ConfigViewOptions = {},
): FunctionConfiguration {
  const states = opts.states ?? true;
  const updateStatus = states && (opts.updateStatus ?? true);
  return {
    FunctionName: name,
    FunctionArn: opts.arn ?? functionArn(where, name),
    Runtime: v.runtime as FunctionConfiguration['Runtime'],
    Role: v.role,
    Handler: v.handler,
    CodeSize: v.code.size,
    Description: v.description,
    Timeout: v.timeout,
    MemorySize: v.memorySize,
    LastModified: lambdaDate(v.lastModified),
    CodeSha256: v.code.sha256,
    Version: v.version,
    Environment: v.environment ? { Variables: { ...v.environment } } : undefined,
    DeadLetterConfig: v.deadLetterTargetArn ? { TargetArn: v.deadLetterTargetArn } : undefined,
    KMSKeyArn: v.kmsKeyArn,
    TracingConfig: { Mode: v.tracingMode as 'PassThrough' | 'Active' },
    RevisionId: v.revisionId,
    State: states ? (v.state as State) : undefined,
    StateReason: states ? v.stateReason : undefined,
    StateReasonCode: states ? (v.stateReasonCode as FunctionConfiguration['StateReasonCode']) : undefined,
    LastUpdateStatus: updateStatus ? v.lastUpdateStatus : undefined,
    LastUpdateStatusReason: updateStatus ? v.lastUpdateStatusReason : undefined,
    LastUpdateStatusReasonCode: updateStatus
      ? (v.lastUpdateStatusReasonCode as FunctionConfiguration['LastUpdateStatusReasonCode'])
      : undefined,
    PackageType: 'Zip',
    Architectures: [...v.architectures] as FunctionConfiguration['Architectures'],
    EphemeralStorage: { Size: v.ephemeralStorage },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    RuntimeVersionConfig:
      states && v.runtime ? { RuntimeVersionArn: runtimeVersionArn(where, v.runtime) } : undefined,
    LoggingConfig: { ...v.loggingConfig } as FunctionConfiguration['LoggingConfig'],
  } satisfies FunctionConfiguration;
}

export function aliasView(where: Where, name: string, alias: AliasState): AliasConfiguration {
  return {
    AliasArn: qualifiedArn(where, name, alias.name),
    Name: alias.name,
    FunctionVersion: alias.functionVersion,
    Description: alias.description,
    RoutingConfig: alias.weights ? { AdditionalVersionWeights: { ...alias.weights } } : undefined,
    RevisionId: alias.revisionId,
  } satisfies AliasConfiguration;
}

export function eventInvokeConfigView(
  where: Where,
  name: string,
  qualifier: string,
  c: EventInvokeConfigState,
): FunctionEventInvokeConfig {
  return {
    LastModified: new Date(c.lastModified),
    FunctionArn: qualifiedArn(where, name, qualifier),
    MaximumRetryAttempts: c.maximumRetryAttempts,
    MaximumEventAgeInSeconds: c.maximumEventAgeInSeconds,
    DestinationConfig: {
      OnSuccess: c.onSuccess ? { Destination: c.onSuccess } : {},
      OnFailure: c.onFailure ? { Destination: c.onFailure } : {},
    },
  } satisfies FunctionEventInvokeConfig;
}
