// The event Lambda hands a function for an SQS batch, record by record exactly as AWS builds it
// (system attributes in AWS's order, message attributes in lower camel case), and the filter
// criteria test, which sees the body parsed when it is JSON.

import type { Message } from '@aws-sdk/client-sqs';
import type { SQSMessageAttribute, SQSRecord } from 'aws-lambda';
import { type CompiledPattern, compilePattern } from '../../../engines/eventPattern.js';

/** The order AWS lists a record's system attributes in (FIFO ones only on FIFO queues). */
const ATTRIBUTE_ORDER = [
  'ApproximateReceiveCount',
  'SentTimestamp',
  'SequenceNumber',
  'MessageGroupId',
  'SenderId',
  'MessageDeduplicationId',
  'ApproximateFirstReceiveTimestamp',
  'AWSTraceHeader',
  'DeadLetterQueueSourceArn',
] as const;

export function toRecord(m: Message, queueArn: string, region: string): SQSRecord {
  const given = m.Attributes ?? {};
  const attributes: Record<string, string> = {};
  for (const name of ATTRIBUTE_ORDER) {
    const value = given[name];
    if (value !== undefined) attributes[name] = value;
  }
  const messageAttributes: Record<string, SQSMessageAttribute> = {};
  for (const [name, a] of Object.entries(m.MessageAttributes ?? {})) {
    const value =
      a.BinaryValue !== undefined
        ? { binaryValue: Buffer.from(a.BinaryValue).toString('base64') }
        : { stringValue: a.StringValue };
    // Lambda always sends both (unused) list members, empty, before the data type.
    messageAttributes[name] = {
      ...value,
      stringListValues: [],
      binaryListValues: [],
      dataType: a.DataType ?? 'String',
    };
  }
  return {
    messageId: m.MessageId ?? '',
    receiptHandle: m.ReceiptHandle ?? '',
    body: m.Body ?? '',
    attributes: attributes as unknown as SQSRecord['attributes'],
    messageAttributes,
    // Only present when the message has attributes.
    ...(m.MD5OfMessageAttributes ? { md5OfMessageAttributes: m.MD5OfMessageAttributes } : {}),
    md5OfBody: m.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

// Mappings share few patterns; compiling each once keeps the per-message cost to a match.
const compiled = new Map<string, CompiledPattern>();

function patternOf(text: string): CompiledPattern {
  let p = compiled.get(text);
  if (!p) {
    if (compiled.size >= 500) compiled.clear();
    p = compilePattern(text);
    compiled.set(text, p);
  }
  return p;
}

/**
 * Whether a record passes the mapping's filters (any one of them; none means all pass). The
 * patterns see the record with `body` parsed when it is JSON, so `{"body": {"k": ["v"]}}` works;
 * a plain-text body stays a string and only matches string patterns.
 */
export function passesFilters(record: SQSRecord, filters: readonly string[]): boolean {
  if (filters.length === 0) return true;
  let body: unknown = record.body;
  try {
    body = JSON.parse(record.body);
  } catch {
    // Not JSON: filtered as the plain string it is.
  }
  const subject = { ...record, body };
  return filters.some((f) => patternOf(f).matches(subject));
}
