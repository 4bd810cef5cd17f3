// The db flow's domain logic: an EventBridge `event.received` event becomes one row of the
// `events` table, inserted only if absent (ON CONFLICT (id) DO NOTHING), so EventBridge's
// at-least-once delivery and Lambda's async retries stay harmless, even when concurrent.

import type { EventBridgeEvent } from 'aws-lambda';
import { InvalidEventError } from './errors.js';

export interface EventRow {
  id: string;
  /** The event's `time` as EventBridge wrote it (ISO 8601, UTC); PostgreSQL parses it. */
  receivedAt: string;
  source: string;
  detailType: string;
  /** The event's detail as JSON text, bound as jsonb. */
  payload: string;
}

/** The events table's id is a uuid; the api handler makes ids with randomUUID. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const INSERT_EVENT_SQL =
  'INSERT INTO events (id, received_at, source, detail_type, payload) ' +
  'VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT (id) DO NOTHING';

export type BridgeEvent = Pick<
  EventBridgeEvent<string, unknown>,
  'time' | 'source' | 'detail-type' | 'detail'
>;

export function toEventRow(event: BridgeEvent): EventRow {
  const detail = event.detail;
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
    throw new InvalidEventError('event detail is not a JSON object');
  }
  const id = (detail as Record<string, unknown>)['id'];
  if (typeof id !== 'string' || !UUID.test(id))
    throw new InvalidEventError('event detail has no valid id (a UUID)');
  if (typeof event.time !== 'string' || Number.isNaN(Date.parse(event.time))) {
    throw new InvalidEventError('event has no valid time');
  }
  if (typeof event.source !== 'string' || event.source === '')
    throw new InvalidEventError('event has no source');
  const detailType = event['detail-type'];
  if (typeof detailType !== 'string' || detailType === '')
    throw new InvalidEventError('event has no detail-type');
  return {
    id,
    receivedAt: event.time,
    source: event.source,
    detailType,
    // Stringified here: pg would turn a JS array into a PostgreSQL array, not JSON.
    payload: JSON.stringify(detail),
  };
}

export function insertValues(row: EventRow): string[] {
  return [row.id, row.receivedAt, row.source, row.detailType, row.payload];
}

/** What insertEvent needs: pg's Client fits, and so does PgConnection. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rowCount: number | null }>;
}

/** Inserts the row unless its id is there already; `inserted` says which. Errors propagate. */
export async function insertEvent(db: Queryable, row: EventRow): Promise<{ inserted: boolean }> {
  const result = await db.query(INSERT_EVENT_SQL, insertValues(row));
  return { inserted: result.rowCount === 1 };
}
