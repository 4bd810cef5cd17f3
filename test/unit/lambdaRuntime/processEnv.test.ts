// The child's environment: built from scratch, reserved variables win, MemorySize caps the heap.

import { afterEach, describe, expect, it } from 'vitest';
import { buildProcessEnv, memoryNodeOptions } from '../../../src/local/services/lambda/runtime/processEnv.js';
import type { FunctionSpec } from '../../../src/local/services/lambda/runtime/types.js';

const spec = (environment: Record<string, string>): FunctionSpec => ({
  functionName: 'f',
  qualifier: '$LATEST',
  functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:f:$LATEST',
  codeSha256: 'sha',
  codeDir: '/code/f',
  handler: 'index.handler',
  runtime: 'nodejs22.x',
  memorySize: 512,
  timeout: 3,
  environment,
  logGroupName: '/aws/lambda/f',
});

const build = (environment: Record<string, string>) =>
  buildProcessEnv({
    spec: spec(environment),
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:4566',
    runtimeApi: '127.0.0.1:9001',
    logStreamName: '2024/01/01/[$LATEST]abc',
    runtimeDir: '/runtime',
    credentials: { accessKeyId: 'AK', secretAccessKey: 'SK', sessionToken: 'ST' },
    nodePath: ['/sdk/node_modules'],
  });

afterEach(() => {
  delete process.env.FAAS_HOST_SECRET;
});

describe('buildProcessEnv', () => {
  it('splits the heap like the AWS Node bootstrap', () => {
    expect(memoryNodeOptions(128)).toBe('--max-semi-space-size=1 --max-old-space-size=126');
    expect(memoryNodeOptions(1024)).toBe('--max-semi-space-size=8 --max-old-space-size=1008');
  });

  it('sets the Lambda variables and nothing of the host but PATH', () => {
    process.env.FAAS_HOST_SECRET = 'x';
    const env = build({ STAGE: 'dev' });
    expect(env).toEqual({
      PATH: process.env.PATH,
      LANG: 'en_US.UTF-8',
      NODE_PATH: '/sdk/node_modules:/code/f',
      NODE_OPTIONS: '--max-semi-space-size=4 --max-old-space-size=504',
      STAGE: 'dev',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
      _HANDLER: 'index.handler',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      AWS_LAMBDA_FUNCTION_NAME: 'f',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/f',
      AWS_LAMBDA_LOG_STREAM_NAME: '2024/01/01/[$LATEST]abc',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_LAMBDA_RUNTIME_API: '127.0.0.1:9001',
      AWS_ACCESS_KEY_ID: 'AK',
      AWS_SECRET_ACCESS_KEY: 'SK',
      AWS_SESSION_TOKEN: 'ST',
      LAMBDA_TASK_ROOT: '/code/f',
      LAMBDA_RUNTIME_DIR: '/runtime',
      TZ: ':UTC',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });
  });

  it('lets a function override what Lambda does not reserve, never what it does', () => {
    const env = build({
      AWS_ENDPOINT_URL: 'http://elsewhere',
      LANG: 'C',
      AWS_REGION: 'xx-fake-1',
      TZ: 'Europe/Paris',
      NODE_OPTIONS: '--enable-source-maps',
    });
    expect(env.AWS_ENDPOINT_URL).toBe('http://elsewhere');
    expect(env.LANG).toBe('C');
    expect(env.AWS_REGION).toBe('us-east-1');
    expect(env.TZ).toBe(':UTC');
    expect(env.NODE_OPTIONS).toBe('--max-semi-space-size=4 --max-old-space-size=504 --enable-source-maps');
  });
});
