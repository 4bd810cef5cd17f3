// The one error type of the local cloud: every protocol codec serializes it in its own wire shape
// (`__type` for JSON, `x-amzn-query-error` for query, `<Error><Code>` for S3).

export type ErrorFault = 'Sender' | 'Receiver';

export class AwsServiceError extends Error {
  readonly code: string;
  readonly status: number;
  /** Extra members serialized next to Code/Message (e.g. S3's BucketName, Lambda's Type). */
  readonly extra: Record<string, string>;
  /** Response headers this error must carry (e.g. S3's x-amz-request-id is added by the server). */
  readonly headers: Record<string, string>;

  constructor(
    code: string,
    message: string,
    status = 400,
    options: { extra?: Record<string, string>; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'AwsServiceError';
    this.code = code;
    this.status = status;
    this.extra = options.extra ?? {};
    this.headers = options.headers ?? {};
  }

  get fault(): ErrorFault {
    return this.status >= 500 ? 'Receiver' : 'Sender';
  }
}

export const notFound = (code: string, message: string): AwsServiceError =>
  new AwsServiceError(code, message, 404);

export const validation = (message: string, code = 'ValidationException'): AwsServiceError =>
  new AwsServiceError(code, message, 400);
