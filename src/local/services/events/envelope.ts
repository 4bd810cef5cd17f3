// PutEvents entries → the EventBridge event every rule and target sees, plus the request-level and
// per-entry checks with AWS's codes and messages (observed on AWS: InvalidArgument, MalformedDetail).

import type { PutEventsRequestEntry, PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import { validation } from '../../errors.js';

export interface EventEnvelope {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  /** ISO 8601 with second precision, `2024-01-01T00:00:00Z`, as AWS writes it. */
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

export const MAX_ENTRIES = 10;
/**
 * AWS raised the PutEvents limit from 256 KB to 1 MB (Jan 2026; the SDK model now says "the total
 * entry size must be less than 1MB"). It is a limit on the request's entries together, counted as
 * AWS documents it (eb-putevent-size), and a request over it fails as a whole.
 */
export const MAX_ENTRIES_BYTES = 1024 * 1024;

export const eventTime = (ms: number): string =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** AWS's documented entry size: Time counts 14 bytes, the strings their UTF-8 length. */
export function entrySize(entry: PutEventsRequestEntry): number {
  let size = entry.Time ? 14 : 0;
  for (const text of [entry.Source, entry.DetailType, entry.Detail, ...(entry.Resources ?? [])])
    if (text) size += Buffer.byteLength(text, 'utf8');
  return size;
}

// How AWS's Java front end prints the entries in its length-constraint message.
function javaEntry(entry: PutEventsRequestEntry): string {
  const show = (v: string | undefined) => v ?? 'null';
  const time = entry.Time ? entry.Time.toISOString().replace('.000Z', 'Z') : 'null';
  const resources = entry.Resources ? `[${entry.Resources.join(', ')}]` : 'null';
  return (
    `PutEventsRequestEntry(time=${time}, source=${show(entry.Source)}, resources=${resources}, ` +
    `detailType=${show(entry.DetailType)}, detail=${show(entry.Detail)}, eventBusName=${show(entry.EventBusName)}, ` +
    `traceHeader=${show(entry.TraceHeader)}, kmsKeyIdentifier=null, internalMetadata=null)`
  );
}

/** The whole-request checks: 1–10 entries, and the entries' total size. */
export function checkRequest(entries: PutEventsRequestEntry[] | undefined): PutEventsRequestEntry[] {
  if (entries === undefined)
    throw validation(
      "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null",
    );
  if (entries.length === 0 || entries.length > MAX_ENTRIES) {
    const bound =
      entries.length === 0 ? 'greater than or equal to 1' : `less than or equal to ${MAX_ENTRIES}`;
    throw validation(
      `1 validation error detected: Value '[${entries.map(javaEntry).join(', ')}]' at 'entries' ` +
        `failed to satisfy constraint: Member must have length ${bound}`,
    );
  }
  const total = entries.reduce((sum, e) => sum + entrySize(e), 0);
  if (total >= MAX_ENTRIES_BYTES)
    throw validation('Total size of the entries in the request is over the limit.');
  return entries;
}

const invalidArgument = (member: string): PutEventsResultEntry => ({
  ErrorCode: 'InvalidArgument',
  ErrorMessage: `Parameter ${member} is not valid. Reason: ${member} is a required argument.`,
});

/** The per-entry failure for a bad entry (the others in the request still go through). */
export function entryError(entry: PutEventsRequestEntry): PutEventsResultEntry | undefined {
  if (!entry.Source) return invalidArgument('Source');
  if (!entry.DetailType) return invalidArgument('DetailType');
  if (!entry.Detail) return invalidArgument('Detail');
  if (parseDetail(entry.Detail) === undefined)
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  return undefined;
}

/** Detail must be a JSON object: a string, an array or a number is "malformed" too. */
function parseDetail(detail: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(detail);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The event for a valid entry (call entryError first). */
export function buildEnvelope(
  entry: PutEventsRequestEntry,
  id: string,
  account: string,
  region: string,
  now: number,
): EventEnvelope {
  return {
    version: '0',
    id,
    'detail-type': entry.DetailType!,
    source: entry.Source!,
    account,
    time: eventTime(entry.Time ? entry.Time.getTime() : now),
    region,
    resources: entry.Resources ?? [],
    detail: parseDetail(entry.Detail!)!,
  };
}
