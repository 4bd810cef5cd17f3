// `store` Lambda (EventBridge target for `event.received`): writes the event's detail to
// s3://$BUCKET_NAME/events/<id>.json, create-only. Logic is in lib/store.ts.

import { Logger } from '@aws-lambda-powertools/logger';
import { S3Client } from '@aws-sdk/client-s3';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { ConfigurationError } from './lib/errors.js';
import type { HandlerLogger } from './lib/ingest.js';
import { type PutObjectSender, type StoreResult, storeEvent } from './lib/store.js';

export { ConfigurationError };

export interface StoreHandlerDeps {
  s3: PutObjectSender;
  logger: HandlerLogger & { addContext?(context: Context): void };
  bucketName(): string | undefined;
}

export type StoreHandler = (
  event: EventBridgeEvent<string, unknown>,
  context: Context,
) => Promise<StoreResult>;

export function createStoreHandler(deps: StoreHandlerDeps): StoreHandler {
  return async (event, context) => {
    deps.logger.addContext?.(context);
    const bucket = deps.bucketName();
    if (!bucket) throw new ConfigurationError('BUCKET_NAME is not set');
    return storeEvent(event.detail, { s3: deps.s3, bucket, logger: deps.logger });
  };
}

// Created once per execution environment and reused by warm invocations.
const logger = new Logger({ serviceName: 'faas-store' });
const s3 = new S3Client({});

export const handler: StoreHandler = createStoreHandler({
  s3,
  logger,
  bucketName: () => process.env['BUCKET_NAME'],
});
