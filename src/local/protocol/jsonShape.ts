// Converts between JSON wire values and SDK-typed values (Date, Uint8Array) by walking the SDK's
// schema: used by the awsJson and restJson codecs for request bodies in and results out.

import type { NormalizedSchema } from '@smithy/core/schema';
import { AwsServiceError } from '../errors.js';
import { formatTimestamp, parseTimestamp, timestampFormat } from './schema.js';

export interface JsonShapeOptions {
  /** restJson honours `jsonName`; awsJson 1.0/1.1 ignore it. */
  useJsonName: boolean;
}

const wireName = (name: string, member: NormalizedSchema, opts: JsonShapeOptions): string => {
  if (!opts.useJsonName) return name;
  const jsonName = member.getMergedTraits().jsonName;
  return typeof jsonName === 'string' ? jsonName : name;
};

/** Wire JSON → the SDK's input shape. Wrong types become SerializationException like AWS. */
export function fromJson(
  schema: NormalizedSchema,
  value: unknown,
  opts: JsonShapeOptions,
  path = '',
): unknown {
  if (value === null || value === undefined) return undefined;
  if (schema.isStructSchema() || schema.isUnionSchema()) {
    if (typeof value !== 'object' || Array.isArray(value)) throw wrongType(path, 'structure');
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [name, member] of schema.structIterator()) {
      const raw = source[wireName(name, member, opts)];
      if (raw === undefined) continue;
      out[name] = fromJson(member, raw, opts, path ? `${path}.${name}` : name);
    }
    return out;
  }
  if (schema.isListSchema()) {
    if (!Array.isArray(value)) throw wrongType(path, 'list');
    const item = schema.getValueSchema();
    return value.map((v, i) => fromJson(item, v, opts, `${path}[${i}]`));
  }
  if (schema.isMapSchema()) {
    if (typeof value !== 'object' || Array.isArray(value)) throw wrongType(path, 'map');
    const item = schema.getValueSchema();
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      out[k] = fromJson(item, v, opts, `${path}.${k}`);
    return out;
  }
  if (schema.isBlobSchema()) {
    if (typeof value !== 'string') throw wrongType(path, 'base64 string');
    return new Uint8Array(Buffer.from(value, 'base64'));
  }
  if (schema.isTimestampSchema()) {
    const date = parseTimestamp(value);
    if (Number.isNaN(date.getTime())) throw wrongType(path, 'timestamp');
    return date;
  }
  if (schema.isStringSchema() && typeof value !== 'string') throw wrongType(path, 'string');
  if (schema.isBooleanSchema() && typeof value !== 'boolean') throw wrongType(path, 'boolean');
  if (schema.isNumericSchema() && typeof value !== 'number') throw wrongType(path, 'number');
  return value;
}

/** The SDK's output shape → wire JSON (timestamps as epoch seconds unless the model says otherwise). */
export function toJson(schema: NormalizedSchema, value: unknown, opts: JsonShapeOptions): unknown {
  if (value === null || value === undefined) return undefined;
  if (schema.isStructSchema() || schema.isUnionSchema()) {
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [name, member] of schema.structIterator()) {
      const traits = member.getMergedTraits();
      // HTTP-bound members travel in headers/status/payload, not in the JSON document.
      if (traits.httpHeader || traits.httpResponseCode || traits.httpPrefixHeaders || traits.httpPayload)
        continue;
      const v = toJson(member, source[name], opts);
      if (v !== undefined) out[wireName(name, member, opts)] = v;
    }
    return out;
  }
  if (schema.isListSchema()) {
    const item = schema.getValueSchema();
    return (value as unknown[]).map((v) => toJson(item, v, opts));
  }
  if (schema.isMapSchema()) {
    const item = schema.getValueSchema();
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toJson(item, v, opts);
    return out;
  }
  if (schema.isBlobSchema()) return Buffer.from(value as Uint8Array).toString('base64');
  if (schema.isTimestampSchema()) return formatTimestamp(value, timestampFormat(schema, 'epoch-seconds'));
  return value;
}

function wrongType(path: string, expected: string): AwsServiceError {
  return new AwsServiceError(
    'SerializationException',
    `Unexpected value type for ${path || 'the request body'}: expected ${expected}`,
    400,
  );
}
