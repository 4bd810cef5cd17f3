// The environment variables of an execution environment, built from scratch like Lambda's: the
// function's variables, then the reserved ones Lambda sets. Nothing of the host's leaks but PATH.

import path from 'node:path';
import type { FunctionSpec } from './types.js';

export interface ProcessEnvInput {
  spec: FunctionSpec;
  region: string;
  /** The local cloud; the function's own SDK calls go there through AWS_ENDPOINT_URL. */
  endpoint: string;
  runtimeApi: string;
  logStreamName: string;
  runtimeDir: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  /** Extra NODE_PATH entries, e.g. node_modules emulating the SDK bundled in AWS's Node runtime. */
  nodePath?: readonly string[];
}

/**
 * The heap split of AWS's Node bootstrap: 1/64 of MemorySize is new space (half of it per semi
 * space) and the rest old space, so a function's heap cannot outgrow its MemorySize.
 */
export function memoryNodeOptions(memorySize: number): string {
  const newSpace = Math.floor(memorySize / 64);
  const semiSpace = Math.max(1, Math.floor(newSpace / 2));
  return `--max-semi-space-size=${semiSpace} --max-old-space-size=${memorySize - newSpace}`;
}

export function buildProcessEnv(input: ProcessEnvInput): Record<string, string> {
  const { spec, credentials } = input;
  const user = spec.environment;
  const env: Record<string, string> = {
    // Set by Lambda but not reserved: a function may override these.
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    NODE_PATH: [...(input.nodePath ?? []), spec.codeDir].join(path.delimiter),
    AWS_ENDPOINT_URL: input.endpoint,
    ...user,
    // The memory cap comes first so a function's own NODE_OPTIONS can add to it but not drop it.
    NODE_OPTIONS: user.NODE_OPTIONS
      ? `${memoryNodeOptions(spec.memorySize)} ${user.NODE_OPTIONS}`
      : memoryNodeOptions(spec.memorySize),
    // Reserved: Lambda refuses them in a function's configuration and always sets them itself.
    _HANDLER: spec.handler,
    AWS_REGION: input.region,
    AWS_DEFAULT_REGION: input.region,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_LAMBDA_FUNCTION_NAME: spec.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: spec.qualifier,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: spec.logGroupName,
    AWS_LAMBDA_LOG_STREAM_NAME: input.logStreamName,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_RUNTIME_API: input.runtimeApi,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: credentials.sessionToken,
    LAMBDA_TASK_ROOT: spec.codeDir,
    LAMBDA_RUNTIME_DIR: input.runtimeDir,
    TZ: ':UTC',
    // Functions run on the host's Node here (20 on this project's machines) rather than the
    // runtime's 22; the bundled SDK would print a Node-version warning into every cold start's logs.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  return env;
}
