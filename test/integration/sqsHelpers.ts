// Shared by the SQS integration tests: a client on the local endpoint, unique queue names, and
// an assertion on the error name (and legacy query code) the SDK surfaces.

import { SQSClient } from '@aws-sdk/client-sqs';
import { expect } from 'vitest';

export const sqsClient = (endpoint: string): SQSClient =>
  new SQSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });

let counter = 0;
export const uniqueQueue = (prefix: string, fifo = false): string =>
  `${prefix}-${process.pid}-${++counter}${fifo ? '.fifo' : ''}`;

/**
 * Expects the call to fail with the error `name` the SDK gives (and, when given, the query code
 * AWS puts in x-amzn-query-error, which the SDK exposes as `Code`), HTTP status and message.
 */
export async function expectSqsError(
  call: Promise<unknown>,
  name: string,
  details: { code?: string; status?: number; message?: string | RegExp } = {},
): Promise<void> {
  const err = (await call.then(
    () => undefined,
    (e: unknown) => e,
  )) as
    | { name?: string; Code?: string; message?: string; $metadata?: { httpStatusCode?: number } }
    | undefined;
  expect(err, `expected ${name}`).toBeDefined();
  expect(err?.name).toBe(name);
  if (details.code !== undefined) expect(err?.Code).toBe(details.code);
  if (details.status !== undefined) expect(err?.$metadata?.httpStatusCode).toBe(details.status);
  if (typeof details.message === 'string') expect(err?.message).toBe(details.message);
  else if (details.message) expect(err?.message).toMatch(details.message);
}

/** A queue Policy letting an AWS service (e.g. `events.amazonaws.com`) send to the queue `name`. */
export const serviceSendPolicy = (name: string, service: string): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: service },
        Action: 'sqs:SendMessage',
        Resource: `arn:aws:sqs:us-east-1:000000000000:${name}`,
      },
    ],
  });
