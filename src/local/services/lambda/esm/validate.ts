// CreateEventSourceMapping/UpdateEventSourceMapping input checks with AWS's wording: model
// constraints are ValidationException, SQS-specific rules InvalidParameterValueException.

import type { FilterCriteria, ScalingConfig } from '@aws-sdk/client-lambda';
import type { Cloud } from '../../../cloud.js';
import { compilePattern } from '../../../engines/eventPattern.js';
import { AwsServiceError } from '../../../errors.js';
import type { SqsQueueInfo } from '../../sqs/internal.js';
import { parseFunctionRef, validationError, type Where } from '../arns.js';
import type { LambdaCore } from '../core.js';
import { invalidParameter } from '../errors.js';
import { LATEST, type VersionState } from '../model.js';
import { validateRange } from '../validate.js';
import { MAX_RECEIVE } from './model.js';

const ARN_PATTERN =
  'arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)';
const ARN = new RegExp(`^${ARN_PATTERN}$`);

export interface SettingsInput {
  EventSourceArn?: string;
  BatchSize?: number;
  MaximumBatchingWindowInSeconds?: number;
  ScalingConfig?: ScalingConfig;
  FunctionResponseTypes?: string[];
}

/** The model's own constraints, checked before anything is looked up. */
export function checkConstraints(input: SettingsInput): void {
  if (input.EventSourceArn !== undefined && !ARN.test(input.EventSourceArn)) {
    throw validationError(
      `Value '${input.EventSourceArn}' at 'eventSourceArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ${ARN_PATTERN}`,
    );
  }
  validateRange('batchSize', input.BatchSize, 1, 10000);
  validateRange('maximumBatchingWindowInSeconds', input.MaximumBatchingWindowInSeconds, 0, 300);
  validateRange('scalingConfig.maximumConcurrency', input.ScalingConfig?.MaximumConcurrency, 2, 1000);
  const types = input.FunctionResponseTypes;
  if (types && (types.length > 1 || types.some((t) => t !== 'ReportBatchItemFailures'))) {
    const why =
      types.length > 1
        ? 'Member must have length less than or equal to 1'
        : 'Member must satisfy constraint: [Member must satisfy enum value set: [ReportBatchItemFailures]]';
    throw validationError(
      `Value '[${types.join(', ')}]' at 'functionResponseTypes' failed to satisfy constraint: ${why}`,
    );
  }
}

/** Only SQS sources exist in the local cloud; anything else is named as unimplemented. */
export function checkSourceService(arn: string | undefined): string {
  if (arn === undefined) throw invalidParameter('Unrecognized event source.');
  const service = arn.split(':')[2];
  if (service !== 'sqs') {
    throw new AwsServiceError(
      'NotImplemented',
      `Event source mappings for ${service} are not implemented by the faas local cloud (SQS only)`,
      501,
    );
  }
  return arn;
}

/**
 * SQS batching rules: FIFO queues take no batching window and at most 10 records; standard queues
 * take up to 10,000 but only with a window to gather them in.
 */
export function checkBatching(fifo: boolean, batchSize: number, window: number): void {
  if (fifo && window > 0) throw invalidParameter('Batching window is not supported for FIFO queues');
  if (fifo && batchSize > MAX_RECEIVE)
    throw invalidParameter('Maximum batch size must be between 1 and 10 inclusive');
  if (batchSize > MAX_RECEIVE && window === 0) {
    throw invalidParameter(
      'Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10',
    );
  }
}

/** Validates each pattern with the shared event-pattern engine; returns the pattern texts to keep. */
export function checkFilters(criteria: FilterCriteria | undefined): string[] {
  const patterns: string[] = [];
  for (const filter of criteria?.Filters ?? []) {
    const pattern = filter.Pattern;
    try {
      if (pattern === undefined) throw invalidParameter('missing pattern');
      compilePattern(pattern);
    } catch {
      // AWS gives no reason for a bad ESM pattern, unlike EventBridge.
      throw invalidParameter('Invalid filter pattern definition.');
    }
    patterns.push(pattern);
  }
  return patterns;
}

export interface MappingTarget {
  name: string;
  qualifier?: string;
  version: VersionState;
}

/** The function (and version or alias) a mapping invokes; AWS words every miss the same way. */
export function resolveMappingFunction(
  core: LambdaCore,
  where: Where,
  functionName: string | undefined,
): MappingTarget {
  const ref = parseFunctionRef(where, functionName);
  const fn = core.store.get(ref.name);
  const missing = () => invalidParameter('Function does not exist');
  if (!fn) throw missing();
  const q = ref.qualifier;
  if (q === undefined || q === LATEST) return { name: fn.name, qualifier: q, version: fn.latest };
  const number = /^[0-9]+$/.test(q) ? q : fn.aliases[q]?.functionVersion;
  const version = number === undefined ? undefined : number === LATEST ? fn.latest : fn.versions[number];
  if (!version) throw missing();
  return { name: fn.name, qualifier: q, version };
}

/** The queue must exist: AWS reports the failed ReceiveMessage it tried. */
export function requireQueue(cloud: Cloud, arn: string): SqsQueueInfo {
  const queue = cloud.api('sqs').describe(arn);
  if (!queue) {
    throw invalidParameter(
      'Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist.',
    );
  }
  return queue;
}

/** A function that may run longer than messages stay hidden would see them twice. */
export function checkVisibility(queue: SqsQueueInfo, version: VersionState): void {
  if (queue.visibilityTimeout < version.timeout) {
    throw invalidParameter(
      `Queue visibility timeout: ${queue.visibilityTimeout} seconds is less than Function timeout: ${version.timeout} seconds`,
    );
  }
}
