// Input checks shared by CreateFunction and the Update* actions, with AWS's exact wording: model
// constraints are ValidationException, semantic ones InvalidParameterValueException.

import { validationError } from './arns.js';
import { invalidParameter } from './errors.js';

const ROLE = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;

export function validateRole(role: string | undefined): void {
  if (role === undefined || !ROLE.test(role)) {
    throw validationError(
      `Value '${role ?? 'null'}' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+`,
    );
  }
}

/** Runtimes whose "block function create" date has passed. */
const DEPRECATED = new Set([
  'nodejs',
  'nodejs4.3',
  'nodejs4.3-edge',
  'nodejs6.10',
  'nodejs8.10',
  'nodejs10.x',
  'nodejs12.x',
  'nodejs14.x',
  'nodejs16.x',
  'python2.7',
  'python3.6',
  'python3.7',
  'python3.8',
  'dotnetcore1.0',
  'dotnetcore2.0',
  'dotnetcore2.1',
  'dotnetcore3.1',
  'dotnet6',
  'ruby2.5',
  'ruby2.7',
  'java8',
  'go1.x',
  'provided',
]);

let RUNTIMES: string[] = [];

/**
 * The SDK's Runtime enum is the list of valid runtimes; it arrives with the SDK module, which the
 * service loads on its first request (before any action runs), not at start-up.
 */
export function useSdkRuntimes(sdk: { Runtime?: Record<string, string> }): void {
  RUNTIMES = Object.values(sdk.Runtime ?? {}).filter((r) => !DEPRECATED.has(r));
}

export function validateRuntime(runtime: string): void {
  if (DEPRECATED.has(runtime)) {
    throw invalidParameter(
      `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.`,
    );
  }
  if (!RUNTIMES.includes(runtime)) {
    throw invalidParameter(
      `Value ${runtime} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [${RUNTIMES.join(', ')}] or be a valid ARN`,
    );
  }
}

export function validateRange(field: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (value < min)
    throw validationError(
      `Value '${value}' at '${field}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`,
    );
  if (value > max)
    throw validationError(
      `Value '${value}' at '${field}' failed to satisfy constraint: Member must have value less than or equal to ${max}`,
    );
}

export function validateHandler(handler: string | undefined): void {
  if (handler === undefined) return;
  if (handler.length > 128)
    throw validationError(
      `Value '${handler}' at 'handler' failed to satisfy constraint: Member must have length less than or equal to 128`,
    );
  if (!/^[^\s]+$/.test(handler))
    throw validationError(
      `Value '${handler}' at 'handler' failed to satisfy constraint: Member must satisfy regular expression pattern: [^\\s]+`,
    );
}

export function validateDescription(description: string | undefined): void {
  if (description !== undefined && description.length > 256)
    throw validationError(
      `Value '${description}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 256`,
    );
}

const RESERVED_ENV = new Set([
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
]);

/** Lambda's 4 KB limit is measured on the variables serialized as JSON. */
export function validateEnvironment(variables: Record<string, string> | undefined): void {
  if (!variables) return;
  for (const key of Object.keys(variables)) {
    if (!/^[a-zA-Z]([a-zA-Z0-9_])+$/.test(key)) {
      throw validationError(
        `Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]`,
      );
    }
  }
  const reserved = Object.keys(variables).filter((k) => RESERVED_ENV.has(k));
  if (reserved.length > 0) {
    throw invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(', ')}`,
    );
  }
  const measured = JSON.stringify(variables);
  if (Buffer.byteLength(measured) > 4096) {
    throw invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${measured}`,
    );
  }
}

export function validateArchitectures(architectures: string[] | undefined): void {
  if (architectures === undefined) return;
  if (architectures.length !== 1) {
    throw validationError(
      `Value '[${architectures.join(', ')}]' at 'architectures' failed to satisfy constraint: Member must have length less than or equal to 1`,
    );
  }
  if (architectures[0] !== 'x86_64' && architectures[0] !== 'arm64') {
    throw validationError(
      `Value '[${architectures.join(', ')}]' at 'architectures' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]`,
    );
  }
}

export function validateLayers(layers: string[] | undefined): void {
  // The local cloud has no layers API, so any referenced layer version is one that does not exist.
  if (layers && layers.length > 0) throw invalidParameter(`Layer version ${layers[0]} does not exist.`);
}

export const MAX_TAGS = 50;

export function validateTagCount(tags: Record<string, string>): void {
  if (Object.keys(tags).length > MAX_TAGS)
    throw invalidParameter('Number of tags exceeds resource tag limit.');
}
