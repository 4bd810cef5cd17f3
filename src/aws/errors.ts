// Helpers to classify SDK errors with `instanceof` on the SDK's own exception classes, and to
// wrap what cannot be handled into a FaasError that names the call and keeps the SDK error as cause.
import { NotFoundException as ApiNotFound } from '@aws-sdk/client-apigatewayv2';
import { ResourceNotFoundException as LogsNotFound } from '@aws-sdk/client-cloudwatch-logs';
import { ResourceNotFoundException as EventsNotFound } from '@aws-sdk/client-eventbridge';
import { NoSuchEntityException } from '@aws-sdk/client-iam';
import { ResourceNotFoundException as LambdaNotFound } from '@aws-sdk/client-lambda';
import { NoSuchBucket, NotFound as S3NotFound } from '@aws-sdk/client-s3';
import { QueueDoesNotExist } from '@aws-sdk/client-sqs';
import { FaasError } from '../errors.js';

/** The "does not exist" answer of every service faas reads. */
export function isNotFound(error: unknown): boolean {
  return (
    error instanceof NoSuchEntityException ||
    error instanceof LambdaNotFound ||
    error instanceof EventsNotFound ||
    error instanceof LogsNotFound ||
    error instanceof ApiNotFound ||
    error instanceof NoSuchBucket ||
    error instanceof S3NotFound ||
    error instanceof QueueDoesNotExist
  );
}

/**
 * S3 answers several "not configured" cases (NoSuchBucketPolicy, NoSuchTagSet, …) with error
 * codes that have no exception class in @aws-sdk/client-s3, so these are matched by name.
 */
export const hasErrorName = (error: unknown, ...names: string[]): boolean =>
  error instanceof Error && names.includes(error.name);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'EAI_AGAIN',
]);

/** Nothing answered at all (no HTTP response), as opposed to an error the service returned. */
export function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== undefined && NETWORK_CODES.has(code)) return true;
  // Node's happy-eyeballs connect reports every failed address in an AggregateError.
  if (error instanceof AggregateError) return error.errors.some(isNetworkError);
  return (
    error.name === 'TimeoutError' &&
    (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === undefined
  );
}

const ACCESS_DENIED = [
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'AuthorizationError',
];

/** `Error: <what> failed` with the SDK error as cause and a hint where one is known. */
export function awsFailure(what: string, cause: unknown): FaasError {
  if (hasErrorName(cause, ...ACCESS_DENIED)) {
    return new FaasError('AwsAccessDenied', `${what} failed: access denied`, {
      cause,
      hint: 'The credentials in use lack a permission this needs; the cause names the action.',
    });
  }
  if (isNetworkError(cause)) {
    return new FaasError('AwsUnreachable', `${what} failed: no answer from the service`, {
      cause,
      hint: 'Check the network, the endpoint and any proxy settings, then run the command again.',
    });
  }
  return new FaasError('AwsCallFailed', `${what} failed`, { cause });
}

/** `Name: message` of an SDK or Node error, for plan reasons and summaries. */
export const describeError = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);
