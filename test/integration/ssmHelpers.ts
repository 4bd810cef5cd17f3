// Shared by the SSM integration tests: a client on the local endpoint and unique names.

import { SSMClient } from '@aws-sdk/client-ssm';

export const ssmClient = (endpoint: string): SSMClient =>
  new SSMClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });

let counter = 0;
/** A unique top-level path segment per test. */
export const unique = (base: string): string => `${base}-${process.pid}-${++counter}`;
