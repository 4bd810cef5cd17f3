// The store flow's domain logic: an ingested event becomes `events/<id>.json`, written only if
// absent, so EventBridge's at-least-once delivery and Lambda's async retries stay harmless.

import { PutObjectCommand, type PutObjectCommandOutput, S3ServiceException } from '@aws-sdk/client-s3';
import { InvalidEventError } from './errors.js';
import type { HandlerLogger, IngestedEvent } from './ingest.js';

export { InvalidEventError };

/** What storeEvent needs from an S3 client; a fake with `send` stands in for tests. */
export interface PutObjectSender {
  send(command: PutObjectCommand): Promise<PutObjectCommandOutput>;
}

/** Ids come from randomUUID in the api handler; anything else would make an odd object key. */
const EVENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

export function eventKey(id: string): string {
  return `events/${id}.json`;
}

export function toStoredEvent(detail: unknown): IngestedEvent {
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
    throw new InvalidEventError('event detail is not a JSON object');
  }
  const id = (detail as Record<string, unknown>)['id'];
  if (typeof id !== 'string' || !EVENT_ID.test(id)) {
    throw new InvalidEventError('event detail has no valid id');
  }
  return detail as IngestedEvent;
}

/**
 * S3 answers a conditional write whose condition failed with 412 PreconditionFailed, for which
 * the SDK has no modelled exception class: match the service exception by name and status.
 */
export function isPreconditionFailed(err: unknown): boolean {
  return (
    err instanceof S3ServiceException &&
    (err.name === 'PreconditionFailed' || err.$metadata?.httpStatusCode === 412)
  );
}

export interface StoreDeps {
  s3: PutObjectSender;
  bucket: string;
  logger: HandlerLogger;
}

export interface StoreResult {
  key: string;
  alreadyStored: boolean;
}

export async function storeEvent(detail: unknown, deps: StoreDeps): Promise<StoreResult> {
  const event = toStoredEvent(detail);
  const key = eventKey(event.id);
  try {
    await deps.s3.send(
      new PutObjectCommand({
        Bucket: deps.bucket,
        Key: key,
        Body: JSON.stringify(event),
        ContentType: 'application/json',
        // Create-only: an event is immutable once stored.
        IfNoneMatch: '*',
      }),
    );
  } catch (err) {
    // 412: the object exists, i.e. this is a redelivery (EventBridge delivers at least once and
    // Lambda retries async invocations) of an event already stored. The id is unique and the
    // detail is the same, so the work is done: succeed, or the retries would only fail again.
    if (isPreconditionFailed(err)) {
      deps.logger.info('event already stored', { key });
      return { key, alreadyStored: true };
    }
    // Anything else (throttling, 409 ConditionalRequestConflict, 5xx) is thrown so Lambda's
    // async retries, and then the failure destination, apply.
    throw err;
  }
  deps.logger.info('event stored', { key });
  return { key, alreadyStored: false };
}
