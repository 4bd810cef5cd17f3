// Message-level validation with AWS's errors: body characters and size, message attributes,
// FIFO ids, per-message delay, and the shape of batch requests.

import type { MessageAttributeValue, MessageSystemAttributeValue } from '@aws-sdk/client-sqs';
import {
  batchEntryIdsNotDistinct,
  batchRequestTooLong,
  emptyBatch,
  invalidBatchEntryId,
  invalidMessageContents,
  invalidParameter,
  invalidValue,
  missingParameter,
  tooManyEntries,
} from './errors.js';
import type { StoredAttribute } from './model.js';

/** The characters SQS accepts in bodies and string attributes (XML 1.0's Char production). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: tab, LF and CR are exactly what SQS allows below 0x20
const INVALID_CHAR = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** A batch may carry at most this many bytes of bodies and attributes in total. */
export const MAX_BATCH_BYTES = 1_048_576;

export function checkBody(body: string | undefined): string {
  if (body === undefined || body === '') throw missingParameter('MessageBody');
  if (INVALID_CHAR.test(body)) throw invalidMessageContents();
  return body;
}

const ATTRIBUTE_NAME = /^[a-zA-Z0-9_.-]+$/;
const DATA_TYPE = /^(String|Number|Binary)(\..+)?$/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Validates message attributes and converts them to their stored form (binary as base64).
 * Returns undefined for none, plus the bytes they count towards the message size.
 */
export function storeAttributes(attrs: Record<string, MessageAttributeValue> | undefined): {
  stored?: Record<string, StoredAttribute>;
  bytes: number;
} {
  if (!attrs) return { bytes: 0 };
  const names = Object.keys(attrs);
  if (names.length === 0) return { bytes: 0 };
  if (names.length > 10)
    throw invalidParameter(
      `Number of message attributes [${names.length}] exceeds the allowed maximum [10].`,
    );
  const stored: Record<string, StoredAttribute> = {};
  let bytes = 0;
  for (const name of names) {
    checkAttributeName(name);
    const a = attrs[name] ?? {};
    const type = a.DataType;
    if (!type)
      throw invalidParameter(
        `The message attribute '${name}' must contain non-empty message attribute type.`,
      );
    if (!DATA_TYPE.test(type) || type.length > 256)
      throw invalidParameter(
        `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
      );
    bytes += Buffer.byteLength(name) + Buffer.byteLength(type);
    if (type.startsWith('Binary')) {
      if (!a.BinaryValue || a.BinaryValue.length === 0)
        throw invalidParameter(
          `Message (user) attribute '${name}' must contain a non-empty value of type 'Binary'.`,
        );
      stored[name] = { DataType: type, BinaryValue: Buffer.from(a.BinaryValue).toString('base64') };
      bytes += a.BinaryValue.length;
      continue;
    }
    const base = type.startsWith('Number') ? 'Number' : 'String';
    const value = a.StringValue;
    if (value === undefined || value === '')
      throw invalidParameter(
        `Message (user) attribute '${name}' must contain a non-empty value of type '${base}'.`,
      );
    if (INVALID_CHAR.test(value)) throw invalidParameter(invalidMessageContents().message);
    if (base === 'Number' && !NUMBER.test(value))
      throw invalidParameter(`Could not cast message attribute '${name}' value to number.`);
    stored[name] = { DataType: type, StringValue: value };
    bytes += Buffer.byteLength(value);
  }
  return { stored, bytes };
}

function checkAttributeName(name: string): void {
  if (name.length > 256)
    throw invalidParameter('Message (user) attribute names must be shorter than 256 Bytes');
  if (!ATTRIBUTE_NAME.test(name))
    throw invalidParameter(
      `The message attribute name '${name}' is invalid. Attribute name can contain A-Z, a-z, 0-9, underscore (_), hyphen (-), and period (.) characters.`,
    );
  const lower = name.toLowerCase();
  if (lower.startsWith('aws.') || lower.startsWith('amazon.') || name.startsWith('.') || name.endsWith('.'))
    throw invalidParameter(
      "You can't use message attribute names beginning with 'AWS.' or 'Amazon.'. These strings are reserved for internal use. Additionally, they cannot start or end with '.'.",
    );
  if (name.includes('..'))
    throw invalidParameter(
      `The message attribute name '${name}' is invalid. It can't contain successive periods.`,
    );
}

/** MessageSystemAttributes: only AWSTraceHeader, a String. */
export function storeSystemAttributes(
  attrs: Record<string, MessageSystemAttributeValue> | undefined,
): Record<string, StoredAttribute> | undefined {
  if (!attrs || Object.keys(attrs).length === 0) return undefined;
  const out: Record<string, StoredAttribute> = {};
  for (const [name, a] of Object.entries(attrs)) {
    if (name !== 'AWSTraceHeader')
      throw invalidParameter(`Message system attribute name '${name}' is invalid.`);
    if (a?.DataType !== 'String' || !a.StringValue)
      throw invalidParameter(
        `Message system attribute '${name}' must contain a non-empty value of type 'String'.`,
      );
    out[name] = { DataType: 'String', StringValue: a.StringValue };
  }
  return out;
}

const FIFO_ID = /^[\x21-\x7E]{1,128}$/;

/** MessageGroupId / MessageDeduplicationId: 1–128 alphanumeric or punctuation characters. */
export function checkFifoId(
  value: string | undefined,
  param: 'MessageGroupId' | 'MessageDeduplicationId',
): void {
  if (value === undefined) return;
  if (!FIFO_ID.test(value))
    throw invalidValue(
      param,
      value,
      `${param} can only include alphanumeric and punctuation characters. 1 to 128 in length.`,
    );
}

export function checkDelay(delay: number | undefined, fifo: boolean): void {
  if (delay === undefined) return;
  if (!Number.isInteger(delay) || delay < 0 || delay > 900)
    throw invalidValue('DelaySeconds', delay, 'DelaySeconds must be >= 0 and <= 900.');
  // FIFO queues only have the queue-level delay; an explicit 0 is still accepted.
  if (fifo && delay !== 0)
    throw invalidValue(
      'DelaySeconds',
      delay,
      'The request include parameter that is not valid for this queue type.',
    );
}

const ENTRY_ID = /^[a-zA-Z0-9_-]{1,80}$/;

/** The checks every *Batch action makes before looking at any entry's content. */
export function checkBatch(entries: { Id?: string }[] | undefined, entryName: string): void {
  if (!entries || entries.length === 0) throw emptyBatch(entryName);
  if (entries.length > 10) throw tooManyEntries(entries.length);
  const seen = new Set<string>();
  for (const e of entries) {
    if (e.Id === undefined || !ENTRY_ID.test(e.Id)) throw invalidBatchEntryId();
    if (seen.has(e.Id)) throw batchEntryIdsNotDistinct(e.Id);
    seen.add(e.Id);
  }
}

/** SendMessageBatch: the whole request's bodies and attributes may not exceed 1 MiB. */
export function checkBatchSize(
  entries: { MessageBody?: string; MessageAttributes?: Record<string, MessageAttributeValue> }[],
): void {
  let total = 0;
  for (const e of entries) {
    total += Buffer.byteLength(e.MessageBody ?? '');
    for (const [name, a] of Object.entries(e.MessageAttributes ?? {})) {
      total += Buffer.byteLength(name) + Buffer.byteLength(a?.DataType ?? '');
      total += a?.BinaryValue ? a.BinaryValue.length : Buffer.byteLength(a?.StringValue ?? '');
    }
  }
  if (total > MAX_BATCH_BYTES) throw batchRequestTooLong(MAX_BATCH_BYTES, total);
}
