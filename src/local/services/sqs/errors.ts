// SQS's errors with AWS's codes. JSON clients get the modeled name in `__type` and the legacy
// query code in x-amzn-query-error (which the SDK turns into the error's name); the query wire
// carries the legacy code itself: `queryErrorCodes` below is that translation.

import { AwsServiceError } from '../../errors.js';
import { loadQueryErrorCodes } from '../../protocol/schema.js';

/**
 * JSON `__type` → query code, for the codecs: two unmodeled errors, plus the SDK's @awsQueryError
 * table, added when the service loads the SDK module on its first request (useSdkErrorCodes).
 */
export const queryErrorCodes = new Map<string, string>([
  ['InvalidParameterValueException', 'InvalidParameterValue'],
  ['MissingRequiredParameterException', 'MissingParameter'],
]);

export function useSdkErrorCodes(sdk: Record<string, unknown>): void {
  for (const [name, code] of loadQueryErrorCodes(sdk)) queryErrorCodes.set(name, code);
}

/** The code a client sees for an error (batch results' `Code` use it too). */
export const clientCode = (e: AwsServiceError): string => queryErrorCodes.get(e.code) ?? e.code;

export const invalidParameter = (message: string): AwsServiceError =>
  new AwsServiceError('InvalidParameterValueException', message, 400);

/** `Value X for parameter P is invalid. Reason: R` — AWS's wording for a bad parameter. */
export const invalidValue = (param: string, value: unknown, reason: string): AwsServiceError =>
  invalidParameter(`Value ${String(value)} for parameter ${param} is invalid. Reason: ${reason}`);

export const missingParameter = (name: string): AwsServiceError =>
  new AwsServiceError(
    'MissingRequiredParameterException',
    `The request must contain the parameter ${name}.`,
    400,
  );

export const queueDoesNotExist = (): AwsServiceError =>
  new AwsServiceError('QueueDoesNotExist', 'The specified queue does not exist.', 400);

export const invalidAddress = (url: string): AwsServiceError =>
  new AwsServiceError('InvalidAddress', `The address ${url} is not valid for this endpoint.`, 404);

export const unknownAttribute = (name: string): AwsServiceError =>
  new AwsServiceError('InvalidAttributeName', `Unknown Attribute ${name}.`, 400);

export const invalidAttributeName = (message: string): AwsServiceError =>
  new AwsServiceError('InvalidAttributeName', message, 400);

export const invalidAttributeValue = (name: string, reason?: string): AwsServiceError =>
  new AwsServiceError(
    'InvalidAttributeValue',
    `Invalid value for the parameter ${name}.${reason ? ` Reason: ${reason}` : ''}`,
    400,
  );

export const receiptHandleIsInvalid = (handle: string): AwsServiceError =>
  new AwsServiceError(
    'ReceiptHandleIsInvalid',
    `The input receipt handle "${handle}" is not a valid receipt handle.`,
    404,
  );

export const messageNotInflight = (): AwsServiceError =>
  new AwsServiceError('MessageNotInflight', 'The specified message is not in flight.', 400);

export const invalidMessageContents = (): AwsServiceError =>
  new AwsServiceError(
    'InvalidMessageContents',
    'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
    400,
  );

export const queueNameExists = (attribute: string): AwsServiceError =>
  new AwsServiceError(
    'QueueNameExists',
    `A queue already exists with the same name and a different value for attribute ${attribute}`,
    400,
  );

export const purgeQueueInProgress = (name: string): AwsServiceError =>
  new AwsServiceError(
    'PurgeQueueInProgress',
    `Only one PurgeQueue operation on ${name} is allowed every 60 seconds.`,
    403,
  );

export const emptyBatch = (entry: string): AwsServiceError =>
  new AwsServiceError('EmptyBatchRequest', `There should be at least one ${entry} in the request.`, 400);

export const tooManyEntries = (sent: number): AwsServiceError =>
  new AwsServiceError(
    'TooManyEntriesInBatchRequest',
    `Maximum number of entries per request are 10. You have sent ${sent}.`,
    400,
  );

export const invalidBatchEntryId = (): AwsServiceError =>
  new AwsServiceError(
    'InvalidBatchEntryId',
    'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
    400,
  );

export const batchEntryIdsNotDistinct = (id: string): AwsServiceError =>
  new AwsServiceError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`, 400);

export const batchRequestTooLong = (limit: number, sent: number): AwsServiceError =>
  new AwsServiceError(
    'BatchRequestTooLong',
    `Batch requests cannot be longer than ${limit} bytes. You have sent ${sent} bytes.`,
    400,
  );
