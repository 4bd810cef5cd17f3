// Log group and stream lookup (by name, or by ARN where the API takes an identifier), their ARNs,
// and the wire views DescribeLogGroups/DescribeLogStreams return.

import type { LogGroup, LogStream } from '@aws-sdk/client-cloudwatch-logs';
import { AwsServiceError } from '../../errors.js';
import type { LogGroupState, LogStreamState, LogsState } from './store.js';
import { invalidParameter } from './validate.js';

export interface Scope {
  region: string;
  accountId: string;
}

export const groupArn = (scope: Scope, name: string): string =>
  `arn:aws:logs:${scope.region}:${scope.accountId}:log-group:${name}`;

export const groupNotFound = (): AwsServiceError =>
  new AwsServiceError('ResourceNotFoundException', 'The specified log group does not exist.', 400);

export const streamNotFound = (): AwsServiceError =>
  new AwsServiceError('ResourceNotFoundException', 'The specified log stream does not exist.', 400);

export function requireGroup(state: LogsState, name: string): LogGroupState {
  const group = state.groups.get(name);
  if (!group) throw groupNotFound();
  return group;
}

export function requireStream(group: LogGroupState, name: string): LogStreamState {
  const stream = group.streams.get(name);
  if (!stream) throw streamNotFound();
  return stream;
}

const ARN = /^arn:aws[a-z-]*:logs:([a-z0-9-]+):(\d{12}):log-group:([^:]+)(:\*)?$/;

/** The log group name an ARN names, or undefined when it is not a log group ARN of this account. */
export function nameFromArn(arn: string, accountId: string): string | undefined {
  const m = ARN.exec(arn);
  return m && m[2] === accountId ? m[3] : undefined;
}

/** Many read APIs take `logGroupName` or `logGroupIdentifier` (name or ARN), never both. */
export function resolveGroup(
  state: LogsState,
  input: { logGroupName?: string; logGroupIdentifier?: string },
  accountId: string,
): LogGroupState {
  if (input.logGroupName !== undefined && input.logGroupIdentifier !== undefined)
    throw invalidParameter('LogGroup name and LogGroup identifier are mutually exclusive parameters.');
  const id = input.logGroupIdentifier;
  if (id !== undefined) {
    const name = id.startsWith('arn:') ? nameFromArn(id, accountId) : id;
    if (name === undefined) throw groupNotFound();
    return requireGroup(state, name);
  }
  if (input.logGroupName === undefined)
    throw invalidParameter('Should provide either logGroupName or logGroupIdentifier.');
  return requireGroup(state, input.logGroupName);
}

export function toLogGroup(group: LogGroupState, scope: Scope): LogGroup {
  let storedBytes = 0;
  for (const stream of group.streams.values()) storedBytes += stream.events.bytes;
  const arn = groupArn(scope, group.name);
  return {
    logGroupName: group.name,
    creationTime: group.creationTime,
    retentionInDays: group.retentionInDays,
    metricFilterCount: 0,
    // `arn` carries the trailing `:*` (the form IAM policies use); `logGroupArn` does not.
    arn: `${arn}:*`,
    logGroupArn: arn,
    storedBytes,
    kmsKeyId: group.kmsKeyId,
    logGroupClass: group.logGroupClass as LogGroup['logGroupClass'],
  } satisfies LogGroup;
}

export function toLogStream(group: LogGroupState, stream: LogStreamState, scope: Scope): LogStream {
  return {
    logStreamName: stream.name,
    creationTime: stream.creationTime,
    firstEventTimestamp: stream.firstEventTimestamp,
    lastEventTimestamp: stream.lastEventTimestamp,
    lastIngestionTime: stream.lastIngestionTime,
    uploadSequenceToken: sequenceToken(stream.uploads),
    arn: `${groupArn(scope, group.name)}:log-stream:${stream.name}`,
    // Deprecated by AWS and always 0 there.
    storedBytes: 0,
  } satisfies LogStream;
}

/** Sequence tokens are no longer checked by AWS but are still returned: 56 digits. */
export const sequenceToken = (uploads: number): string => String(uploads + 1).padStart(56, '0');
