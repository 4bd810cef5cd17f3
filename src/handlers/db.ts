// `db` Lambda (EventBridge target for `event.received`, the ingest bus's second rule): inserts the
// event into PostgreSQL's `events` table unless its id is there already. The row is built in
// lib/eventRow.ts; the one kept connection is lib/pgConnection.ts. Any failure is thrown, so
// Lambda's async retries apply, and nothing logged or thrown contains the database password.

import { Logger } from '@aws-lambda-powertools/logger';
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { type BridgeEvent, insertEvent, type Queryable, toEventRow } from './lib/eventRow.js';
import type { HandlerLogger } from './lib/ingest.js';
import { FOR_THE_ENVIRONMENT, SecureParameter } from './lib/parameters.js';
import { PgConnection } from './lib/pgConnection.js';

/** Environment contract with the pipeline: the SSM parameter (SecureString) holding the URL. */
export const DATABASE_URL_PARAMETER = 'DATABASE_URL_PARAMETER';

export interface DbHandlerDeps {
  database: Queryable;
  logger: HandlerLogger & { addContext?(context: Context): void };
}

export interface DbResult {
  id: string;
  /** false: the row was there already (a redelivery), which is success too. */
  inserted: boolean;
}

export type DbHandler = (event: EventBridgeEvent<string, unknown>, context: Context) => Promise<DbResult>;

export function createDbHandler(deps: DbHandlerDeps): DbHandler {
  return async (event: BridgeEvent, context) => {
    deps.logger.addContext?.(context);
    const row = toEventRow(event);
    const { inserted } = await insertEvent(deps.database, row);
    deps.logger.info(inserted ? 'event inserted' : 'event already in the database', { eventId: row.id });
    return { id: row.id, inserted };
  };
}

/**
 * The environment's connection: its URL is read from SSM once (Powertools caches it), and again
 * only after a failed connect, so a rotated password or a moved server heals on the next retry.
 */
export function environmentConnection(provider: SSMProvider, logger: HandlerLogger): PgConnection {
  const url = new SecureParameter(
    provider,
    () => process.env[DATABASE_URL_PARAMETER],
    DATABASE_URL_PARAMETER,
    FOR_THE_ENVIRONMENT,
  );
  return new PgConnection({ url: () => url.value(), onConnectFailed: () => url.refresh(), logger });
}

// Created once per execution environment and reused by warm invocations. The region and, locally,
// the endpoint (AWS_ENDPOINT_URL) come from the environment Lambda provides.
const logger = new Logger({ serviceName: 'faas-db' });

export const handler: DbHandler = createDbHandler({
  database: environmentConnection(new SSMProvider(), logger),
  logger,
});
