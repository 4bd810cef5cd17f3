// The ingest flow's domain logic, free of Lambda and SDK wiring so unit tests call it directly:
// authenticate, parse, size-check, put the event on the bus, answer with the stored object.

import { createHash, timingSafeEqual } from 'node:crypto';
import type { PutEventsRequestEntry, PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import { decodeBody, getHeader, HttpError, isJsonContentType } from './http.js';

export const EVENT_SOURCE = 'faas.api';
export const EVENT_DETAIL_TYPE = 'event.received';
/** EventBridge's PutEvents limit, for one entry as AWS measures it (see entrySize). */
export const MAX_ENTRY_BYTES = 256 * 1024;

export type JsonObject = Record<string, unknown>;
export type IngestedEvent = JsonObject & { id: string };

/**
 * Constant-time comparison. Hashing both sides first gives equal-length inputs, which
 * timingSafeEqual requires, and keeps the secret's length from leaking through an early exit.
 */
export function tokensMatch(provided: string, expected: string): boolean {
  const a = createHash('sha256').update(provided, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

export function checkToken(provided: string | undefined, expected: string): void {
  if (provided === undefined || provided === '')
    throw new HttpError(401, 'Unauthorized', 'missing token header');
  if (!tokensMatch(provided, expected)) throw new HttpError(401, 'Unauthorized', 'invalid token');
}

/** Only a JSON object is an event: arrays, strings, numbers and null are rejected. */
export function parseJsonObject(raw: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new HttpError(400, 'InvalidJson', 'request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, 'InvalidBody', 'request body must be a JSON object');
  }
  return parsed as JsonObject;
}

/**
 * The size EventBridge charges against the 256 KB limit, per AWS's "Calculating PutEvents event
 * entry size": UTF-8 bytes of Source, DetailType, Detail and each Resource, plus 14 if Time is set.
 * EventBusName does not count.
 */
export function entrySize(entry: PutEventsRequestEntry): number {
  let size = entry.Time === undefined ? 0 : 14;
  size += Buffer.byteLength(entry.Source ?? '', 'utf8');
  size += Buffer.byteLength(entry.DetailType ?? '', 'utf8');
  size += Buffer.byteLength(entry.Detail ?? '', 'utf8');
  for (const resource of entry.Resources ?? []) size += Buffer.byteLength(resource, 'utf8');
  return size;
}

/** The server assigns the id; a client-sent `id` is overwritten so ids stay unique. */
export function buildEntry(
  busName: string,
  body: JsonObject,
  id: string,
): { event: IngestedEvent; entry: PutEventsRequestEntry } {
  const event: IngestedEvent = { ...body, id };
  const entry: PutEventsRequestEntry = {
    EventBusName: busName,
    Source: EVENT_SOURCE,
    DetailType: EVENT_DETAIL_TYPE,
    Detail: JSON.stringify(event),
  };
  const size = entrySize(entry);
  if (size > MAX_ENTRY_BYTES) {
    throw new HttpError(
      413,
      'PayloadTooLarge',
      `event is ${size} bytes; the bus accepts at most ${MAX_ENTRY_BYTES}`,
    );
  }
  return { event, entry };
}

/**
 * PutEvents answers 200 even when an entry was refused: the failure is per entry
 * (FailedEntryCount, ErrorCode). An entry without an EventId was not accepted either way.
 */
export function checkPutResult(
  failedEntryCount: number | undefined,
  result: PutEventsResultEntry | undefined,
): void {
  if (
    (failedEntryCount ?? 0) > 0 ||
    result === undefined ||
    result.ErrorCode !== undefined ||
    !result.EventId
  ) {
    const reason = result?.ErrorCode ?? 'no event id returned';
    throw new HttpError(502, 'EventNotAccepted', `the event bus did not accept the event (${reason})`);
  }
}

export interface IngestRequest {
  headers: Record<string, string | undefined> | undefined;
  body: string | undefined;
  isBase64Encoded: boolean;
}

/** The slice of a structured logger the handlers use; Powertools' Logger fits it. */
export interface HandlerLogger {
  info(message: string, ...attributes: Record<string, unknown>[]): void;
  warn(message: string, ...attributes: Record<string, unknown>[]): void;
  error(message: string, ...attributes: Record<string, unknown>[]): void;
}

export interface PutEventsOutcome {
  FailedEntryCount?: number;
  Entries?: PutEventsResultEntry[];
}

export interface IngestDeps {
  busName: string;
  expectedToken: string;
  putEvent(entry: PutEventsRequestEntry): Promise<PutEventsOutcome>;
  newId(): string;
  logger: HandlerLogger;
}

/**
 * The whole flow; throws HttpError for every answer other than 201. Checks run cheapest and
 * least revealing first: an unauthenticated caller learns nothing about content rules.
 */
export async function ingest(request: IngestRequest, deps: IngestDeps): Promise<IngestedEvent> {
  checkToken(getHeader(request.headers, 'token'), deps.expectedToken);
  if (!isJsonContentType(getHeader(request.headers, 'content-type'))) {
    throw new HttpError(415, 'UnsupportedMediaType', 'content-type must be application/json');
  }
  const body = parseJsonObject(decodeBody(request.body, request.isBase64Encoded));
  const { event, entry } = buildEntry(deps.busName, body, deps.newId());
  let outcome: PutEventsOutcome;
  try {
    outcome = await deps.putEvent(entry);
  } catch (err) {
    // Throttling or a network failure after the SDK's own retries: still never a 201.
    deps.logger.error('PutEvents call failed', { eventId: event.id, error: describe(err) });
    throw new HttpError(502, 'EventNotAccepted', 'the event bus could not be reached');
  }
  const result = outcome.Entries?.[0];
  try {
    checkPutResult(outcome.FailedEntryCount, result);
  } catch (err) {
    deps.logger.error('event rejected by the bus', {
      eventId: event.id,
      errorCode: result?.ErrorCode,
      errorMessage: result?.ErrorMessage,
    });
    throw err;
  }
  deps.logger.info('event accepted', {
    eventId: event.id,
    busEventId: result!.EventId,
    bytes: entrySize(entry),
  });
  return event;
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
