// Reads the operation tables that every @aws-sdk/client-* package ships as Smithy schemas, so the
// local cloud routes and (de)serializes with AWS's own models instead of hand-written bindings.

import { NormalizedSchema } from '@smithy/core/schema';

export interface HttpTrait {
  method: string;
  /** URI template, e.g. `/2015-03-31/functions/{FunctionName}/invocations` (may carry `?literal` query). */
  uri: string;
  code: number;
}

export interface OperationDef {
  name: string;
  input: NormalizedSchema;
  output: NormalizedSchema;
  http?: HttpTrait;
}

type OperationSchemaArray = [9, string, string, Record<string, unknown> | 0, unknown, unknown];

const isOperationSchema = (value: unknown): value is OperationSchemaArray =>
  Array.isArray(value) && value[0] === 9 && typeof value[2] === 'string';

/** Every operation the SDK module exports (its `<Name>$` schemas), keyed by operation name. */
export function loadOperations(sdkModule: Record<string, unknown>): Map<string, OperationDef> {
  const ops = new Map<string, OperationDef>();
  for (const [key, value] of Object.entries(sdkModule)) {
    if (!key.endsWith('$') || !isOperationSchema(value)) continue;
    const [, , name, traits, input, output] = value;
    const http = traits && Array.isArray(traits.http) ? (traits.http as [string, string, number]) : undefined;
    ops.set(name, {
      name,
      input: NormalizedSchema.of(input as never),
      output: NormalizedSchema.of(output as never),
      http: http ? { method: http[0], uri: http[1], code: http[2] } : undefined,
    });
  }
  return ops;
}

type ErrorSchemaArray = [-3, string, string, Record<string, unknown> | 0, ...unknown[]];

const isErrorSchema = (value: unknown): value is ErrorSchemaArray =>
  Array.isArray(value) && value[0] === -3 && typeof value[2] === 'string';

/**
 * Modeled errors whose awsQuery code differs from their name (`@awsQueryError`), keyed by name:
 * SQS's QueueDoesNotExist travels as `AWS.SimpleQueueService.NonExistentQueue` on the query wire
 * and in the x-amzn-query-error header that query-compatible JSON clients read.
 */
export function loadQueryErrorCodes(sdkModule: Record<string, unknown>): Map<string, string> {
  const codes = new Map<string, string>();
  for (const [key, value] of Object.entries(sdkModule)) {
    if (!key.endsWith('$') || !isErrorSchema(value)) continue;
    const traits = value[3];
    const queryError = traits ? traits.awsQueryError : undefined;
    if (Array.isArray(queryError) && typeof queryError[0] === 'string' && queryError[0] !== value[2])
      codes.set(value[2], queryError[0]);
  }
  return codes;
}

/** Timestamp wire formats: the schema codes Smithy uses (4 default, 5 date-time, 6 http-date, 7 epoch). */
export type TimestampFormat = 'date-time' | 'http-date' | 'epoch-seconds';

export function timestampFormat(schema: NormalizedSchema, fallback: TimestampFormat): TimestampFormat {
  switch (schema.getSchema() as unknown as number) {
    case 5:
      return 'date-time';
    case 6:
      return 'http-date';
    case 7:
      return 'epoch-seconds';
    default:
      return fallback;
  }
}

export function formatTimestamp(value: unknown, format: TimestampFormat): string | number {
  const date = value instanceof Date ? value : new Date(value as string | number);
  if (format === 'epoch-seconds') return date.getTime() / 1000;
  if (format === 'http-date') return date.toUTCString();
  return date.toISOString();
}

export function parseTimestamp(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value * 1000);
  const text = String(value);
  // Epoch seconds sent as text (query protocol, headers) vs. ISO 8601 / RFC 7231 dates.
  return /^\d+(\.\d+)?$/.test(text) ? new Date(Number(text) * 1000) : new Date(text);
}

export const isStreamingOrBlob = (schema: NormalizedSchema): boolean => schema.isBlobSchema();
