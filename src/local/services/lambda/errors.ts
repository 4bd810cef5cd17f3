// Lambda's error vocabulary, worded as AWS words it (these messages are what SDK users and the
// CLI's error mapping see).

import { AwsServiceError } from '../../errors.js';

export const notFound = (message: string): AwsServiceError =>
  new AwsServiceError('ResourceNotFoundException', message, 404);

export const functionNotFound = (arn: string): AwsServiceError => notFound(`Function not found: ${arn}`);

export const conflict = (message: string): AwsServiceError =>
  new AwsServiceError('ResourceConflictException', message, 409);

export const updateInProgress = (arn: string): AwsServiceError =>
  conflict(`The operation cannot be performed at this time. An update is in progress for resource: ${arn}`);

export const invalidParameter = (message: string): AwsServiceError =>
  new AwsServiceError('InvalidParameterValueException', message, 400);

export const preconditionFailed = (api = 'GetFunction/GetAlias'): AwsServiceError =>
  new AwsServiceError(
    'PreconditionFailedException',
    `The Revision Id provided does not match the latest Revision Id. Call the ${api} API to retrieve the latest Revision Id`,
    412,
  );

/**
 * AWS answers oversized requests with `RequestEntityTooLargeException` on the wire (the model's
 * RequestTooLargeException shape never appears by that name), status 413.
 */
export const tooLarge = (message: string): AwsServiceError =>
  new AwsServiceError('RequestEntityTooLargeException', message, 413);

export const throttled = (): AwsServiceError =>
  new AwsServiceError('TooManyRequestsException', 'Rate Exceeded.', 429, {
    extra: { Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' },
  });
