// Shared by the IAM integration tests: a client on the local endpoint, the file's own local cloud
// (`useIamCloud`), unique names, a Lambda trust policy, an identity policy and role creation.

import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { useLocalCloud } from '../helpers/localCloud.js';

export const iamClient = (endpoint: string): IAMClient =>
  new IAMClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // The SDK retries LimitExceededException as throttling; one attempt keeps error tests direct.
    maxAttempts: 1,
  });

/** A client on the calling file's local cloud: set once `useIamCloud()` has started it. */
export let iam: IAMClient;

/** Starts one local cloud for the calling test file and binds `iam` to it. */
export function useIamCloud(): void {
  useLocalCloud((l) => {
    iam = iamClient(l.endpoint);
  });
}

/** The counter behind `unique` (read it for names of your own; `nextCounter()` advances it). */
export let counter = 0;
export const nextCounter = (): number => ++counter;
export const unique = (base: string): string => `${base}-${process.pid}-${nextCounter()}`;

export const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
export const policy = (action = 's3:GetObject', resource = 'arn:aws:s3:::bucket/*'): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
  });

export const createRole = (
  RoleName: string,
  extra: Partial<ConstructorParameters<typeof CreateRoleCommand>[0]> = {},
) => iam.send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: trust, ...extra }));
