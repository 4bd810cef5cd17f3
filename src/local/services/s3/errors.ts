// S3's error vocabulary: AWS's exact codes, statuses and messages, with the extra elements
// (BucketName, Key, Condition…) S3 puts next to Code and Message in its <Error> body.

import { AwsServiceError } from '../../errors.js';

export const noSuchBucket = (bucket: string): AwsServiceError =>
  new AwsServiceError('NoSuchBucket', 'The specified bucket does not exist', 404, {
    extra: { BucketName: bucket },
  });

export const noSuchKey = (key: string): AwsServiceError =>
  new AwsServiceError('NoSuchKey', 'The specified key does not exist.', 404, { extra: { Key: key } });

export const invalidBucketName = (bucket: string): AwsServiceError =>
  new AwsServiceError('InvalidBucketName', 'The specified bucket is not valid.', 400, {
    extra: { BucketName: bucket },
  });

export const bucketAlreadyOwnedByYou = (bucket: string): AwsServiceError =>
  new AwsServiceError(
    'BucketAlreadyOwnedByYou',
    'Your previous request to create the named bucket succeeded and you already own it.',
    409,
    { extra: { BucketName: bucket } },
  );

export const bucketNotEmpty = (bucket: string): AwsServiceError =>
  new AwsServiceError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, {
    extra: { BucketName: bucket },
  });

/** A bucket sub-resource that was never set (or was deleted): 404 with the bucket's name. */
export const bucketConfigNotFound = (code: string, message: string, bucket: string): AwsServiceError =>
  new AwsServiceError(code, message, 404, { extra: { BucketName: bucket } });

export const malformedXml = (): AwsServiceError =>
  new AwsServiceError(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
    400,
  );

export const invalidArgument = (message: string, name: string, value: string): AwsServiceError =>
  new AwsServiceError('InvalidArgument', message, 400, {
    extra: { ArgumentName: name, ArgumentValue: value },
  });

export const invalidRequest = (message: string): AwsServiceError =>
  new AwsServiceError('InvalidRequest', message, 400);

export const preconditionFailed = (condition: string): AwsServiceError =>
  new AwsServiceError(
    'PreconditionFailed',
    'At least one of the pre-conditions you specified did not hold',
    412,
    {
      extra: { Condition: condition },
    },
  );

export const notImplementedHeader = (header: string): AwsServiceError =>
  new AwsServiceError(
    'NotImplemented',
    'A header you provided implies functionality that is not implemented',
    501,
    { extra: { Header: header } },
  );

export const missingBody = (): AwsServiceError =>
  new AwsServiceError('MissingRequestBodyError', 'Request Body is empty', 400);

export const badDigest = (message: string, extra: Record<string, string> = {}): AwsServiceError =>
  new AwsServiceError('BadDigest', message, 400, { extra });

export const invalidDigest = (contentMd5: string): AwsServiceError =>
  new AwsServiceError('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400, {
    extra: { 'Content-MD5': contentMd5 },
  });

export const incompleteBody = (): AwsServiceError =>
  new AwsServiceError(
    'IncompleteBody',
    'You did not provide the number of bytes specified by the Content-Length HTTP header',
    400,
  );
