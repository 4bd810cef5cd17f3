// Applies the configuration members CreateFunction and UpdateFunctionConfiguration share to a
// version record, validating each one as it goes.

import type { CreateFunctionRequest } from '@aws-sdk/client-lambda';
import { invalidParameter } from './errors.js';
import type { LoggingConfigState, VersionState } from './model.js';
import {
  validateDescription,
  validateEnvironment,
  validateHandler,
  validateLayers,
  validateRange,
  validateRole,
  validateRuntime,
} from './validate.js';

export type ConfigInput = Partial<
  Pick<
    CreateFunctionRequest,
    | 'Role'
    | 'Handler'
    | 'Description'
    | 'Timeout'
    | 'MemorySize'
    | 'Environment'
    | 'Runtime'
    | 'DeadLetterConfig'
    | 'KMSKeyArn'
    | 'TracingConfig'
    | 'Layers'
    | 'EphemeralStorage'
    | 'LoggingConfig'
  >
>;

/** Validates every member present in `input` and writes it into `v`. */
export function applyConfig(v: VersionState, input: ConfigInput): void {
  if (input.Role !== undefined) {
    validateRole(input.Role);
    v.role = input.Role;
  }
  if (input.Runtime !== undefined) {
    validateRuntime(input.Runtime);
    v.runtime = input.Runtime;
  }
  if (input.Handler !== undefined) {
    validateHandler(input.Handler);
    v.handler = input.Handler;
  }
  if (input.Description !== undefined) {
    validateDescription(input.Description);
    v.description = input.Description;
  }
  validateRange('timeout', input.Timeout, 1, 900);
  if (input.Timeout !== undefined) v.timeout = input.Timeout;
  validateRange('memorySize', input.MemorySize, 128, 10240);
  if (input.MemorySize !== undefined) v.memorySize = input.MemorySize;
  validateRange('ephemeralStorage.size', input.EphemeralStorage?.Size, 512, 10240);
  if (input.EphemeralStorage?.Size !== undefined) v.ephemeralStorage = input.EphemeralStorage.Size;
  if (input.Environment !== undefined) {
    validateEnvironment(input.Environment.Variables);
    v.environment = { ...input.Environment.Variables };
  }
  if (input.DeadLetterConfig !== undefined)
    v.deadLetterTargetArn = input.DeadLetterConfig.TargetArn || undefined;
  if (input.KMSKeyArn !== undefined) v.kmsKeyArn = input.KMSKeyArn || undefined;
  if (input.TracingConfig?.Mode !== undefined) v.tracingMode = input.TracingConfig.Mode;
  validateLayers(input.Layers);
  if (input.LoggingConfig !== undefined)
    v.loggingConfig = loggingConfig(v.loggingConfig, input.LoggingConfig);
}

function loggingConfig(
  current: LoggingConfigState,
  input: NonNullable<ConfigInput['LoggingConfig']>,
): LoggingConfigState {
  const format = input.LogFormat ?? current.LogFormat;
  if (format === 'Text' && (input.ApplicationLogLevel || input.SystemLogLevel)) {
    throw invalidParameter(
      'LogLevel is not supported when LogFormat is set to "Text". Remove LogLevel from your request or change the LogFormat to "JSON" and try again.',
    );
  }
  const next: LoggingConfigState = { LogFormat: format, LogGroup: input.LogGroup ?? current.LogGroup };
  if (format === 'JSON') {
    // Switching to JSON turns on log levels, INFO unless given.
    next.ApplicationLogLevel = input.ApplicationLogLevel ?? current.ApplicationLogLevel ?? 'INFO';
    next.SystemLogLevel = input.SystemLogLevel ?? current.SystemLogLevel ?? 'INFO';
  }
  return next;
}
