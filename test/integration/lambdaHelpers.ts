// Shared by the Lambda integration tests: real deployment zips built with fflate, a client on the
// local endpoint, and a create-and-wait shortcut.

import {
  CreateFunctionCommand,
  type CreateFunctionCommandInput,
  LambdaClient,
  waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';

export const ROLE = 'arn:aws:iam::000000000000:role/lambda-test';

/** A CommonJS package with `index.js` holding `source`. */
export const zipOf = (source: string, extra: Record<string, string> = {}): Uint8Array =>
  zipSync({
    'index.js': strToU8(source),
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, strToU8(v)])),
  });

export const ECHO = 'exports.handler = async (e) => ({ ok: true, e });';

let counter = 0;
export const uniqueName = (prefix: string): string =>
  `${prefix}-${process.pid}-${Date.now() % 100000}-${++counter}`;

export const lambdaClient = (endpoint: string): LambdaClient =>
  new LambdaClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });

/** Fast polling; the waiter logic itself is the SDK's own. */
export const waiterParams = (client: LambdaClient) => ({
  client,
  maxWaitTime: 30,
  minDelay: 0.05,
  maxDelay: 0.2,
});

export async function createActive(
  client: LambdaClient,
  name: string,
  source = ECHO,
  extra: Partial<CreateFunctionCommandInput> = {},
) {
  const created = await client.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs22.x',
      Role: ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: zipOf(source) },
      ...extra,
    }),
  );
  await waitUntilFunctionActiveV2(waiterParams(client), { FunctionName: name });
  return created;
}

export const decode = (payload: Uint8Array | undefined): unknown =>
  payload && payload.length > 0 ? JSON.parse(Buffer.from(payload).toString('utf8')) : undefined;
