// Queue attributes: defaults, validation with AWS's errors, and normalization so that equal
// settings compare equal (CreateQueue is idempotent only while the attributes match).

import { invalidAttributeName, invalidAttributeValue, unknownAttribute } from './errors.js';

const COMMON_DEFAULTS: Record<string, string> = {
  DelaySeconds: '0',
  // 1 MiB since August 2025 (it was 256 KiB): both the default and the maximum.
  MaximumMessageSize: '1048576',
  MessageRetentionPeriod: '345600',
  ReceiveMessageWaitTimeSeconds: '0',
  VisibilityTimeout: '30',
  // New queues get SSE-SQS unless told otherwise.
  SqsManagedSseEnabled: 'true',
};

const FIFO_DEFAULTS: Record<string, string> = {
  ...COMMON_DEFAULTS,
  FifoQueue: 'true',
  ContentBasedDeduplication: 'false',
  DeduplicationScope: 'queue',
  FifoThroughputLimit: 'perQueue',
};

export const defaultAttributes = (fifo: boolean): Record<string, string> => ({
  ...(fifo ? FIFO_DEFAULTS : COMMON_DEFAULTS),
});

const RANGES: Record<string, [number, number]> = {
  DelaySeconds: [0, 900],
  MaximumMessageSize: [1024, 1_048_576],
  MessageRetentionPeriod: [60, 1_209_600],
  ReceiveMessageWaitTimeSeconds: [0, 20],
  VisibilityTimeout: [0, 43_200],
  KmsDataKeyReusePeriodSeconds: [60, 86_400],
};

const BOOLEANS = new Set(['SqsManagedSseEnabled', 'ContentBasedDeduplication', 'FifoQueue']);

const ENUMS: Record<string, string[]> = {
  DeduplicationScope: ['messageGroup', 'queue'],
  FifoThroughputLimit: ['perQueue', 'perMessageGroupId'],
};

/** Free-form attributes; an empty value removes them. The redrive ones are checked in redrive.ts. */
const TEXT = new Set(['Policy', 'KmsMasterKeyId', 'RedrivePolicy', 'RedriveAllowPolicy']);

/** Computed attributes: readable, never settable (setting one is "Unknown Attribute"). */
export const COMPUTED = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesDelayed',
  'ApproximateNumberOfMessagesNotVisible',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
] as const;

const READABLE = new Set<string>([
  'All',
  ...COMPUTED,
  ...Object.keys(RANGES),
  ...BOOLEANS,
  ...Object.keys(ENUMS),
  ...TEXT,
]);

/** Throws InvalidAttributeName for a name GetQueueAttributes does not know. */
export function checkReadableName(name: string): void {
  if (!READABLE.has(name)) throw unknownAttribute(name);
}

/**
 * Validates and normalizes settable attributes for a queue of the given type (CreateQueue,
 * SetQueueAttributes). Empty text values are kept as '' so the caller can remove the attribute.
 */
export function normalizeAttributes(input: Record<string, string>, fifo: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(input)) {
    const value = String(raw);
    if (!fifo && (name === 'FifoQueue' || name === 'ContentBasedDeduplication')) throw unknownAttribute(name);
    if (!fifo && name in ENUMS)
      throw invalidAttributeName(`You can specify the ${name} only when FifoQueue is set to true.`);
    if (name in RANGES) {
      const [min, max] = RANGES[name];
      const n = Number(value);
      if (!/^-?\d+$/.test(value.trim()) || n < min || n > max) throw invalidAttributeValue(name);
      out[name] = String(n);
    } else if (BOOLEANS.has(name)) {
      const v = value.toLowerCase();
      if (v !== 'true' && v !== 'false') throw invalidAttributeValue(name);
      if (name === 'FifoQueue' && v !== 'true')
        throw invalidAttributeValue(name, 'Modifying queue type is not supported.');
      out[name] = v;
    } else if (name in ENUMS) {
      if (!ENUMS[name].includes(value)) throw invalidAttributeValue(name);
      out[name] = value;
    } else if (TEXT.has(name)) {
      if (name === 'Policy' && value !== '' && !isJsonObject(value)) throw invalidAttributeValue(name);
      out[name] = value;
    } else {
      throw unknownAttribute(name);
    }
  }
  return out;
}

export const isJsonObject = (text: string): boolean => {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
};

/** Applies normalized changes to a queue's attributes: '' removes a text attribute. */
export function mergeAttributes(
  current: Record<string, string>,
  changes: Record<string, string>,
): Record<string, string> {
  const next = { ...current };
  for (const [k, v] of Object.entries(changes)) {
    if (v === '' && TEXT.has(k)) delete next[k];
    else next[k] = v;
  }
  return next;
}

export const intAttr = (attrs: Record<string, string>, name: string): number => Number(attrs[name]);
