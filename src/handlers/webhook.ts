// `webhook` Lambda: an HTTP app (GET /, GET /health, GET /api/{path+}) for API Gateway payload 1.0
// and 2.0, and the consumer of the webhook FIFO queue, where each record is rebuilt into its
// POST /webhook request and run through the same routes. Logic is in lib/webhook.ts.

import {
  isAPIGatewayProxyEventV1,
  isAPIGatewayProxyEventV2,
} from '@aws-lambda-powertools/event-handler/http';
import { Logger } from '@aws-lambda-powertools/logger';
import { S3Client } from '@aws-sdk/client-s3';
import type {
  APIGatewayProxyResult,
  APIGatewayProxyStructuredResultV2,
  Context,
  SQSBatchResponse,
  SQSEvent,
  SQSRecord,
} from 'aws-lambda';
import { ConfigurationError } from './lib/errors.js';
import type { HandlerLogger } from './lib/ingest.js';
import type { PutObjectSender } from './lib/store.js';
import { eventFromRecord, webhookApp } from './lib/webhook.js';

export interface WebhookHandlerDeps {
  s3: PutObjectSender;
  logger: HandlerLogger & { addContext?(context: Context): void };
  bucketName(): string | undefined;
  now(): Date;
}

export type WebhookResult = APIGatewayProxyStructuredResultV2 | APIGatewayProxyResult | SQSBatchResponse;

type App = ReturnType<typeof webhookApp>;

const isSqsEvent = (event: unknown): event is SQSEvent =>
  Array.isArray((event as SQSEvent).Records) && (event as SQSEvent).Records[0]?.eventSource === 'aws:sqs';

export function createWebhookHandler(deps: WebhookHandlerDeps) {
  // Built on the first invocation, then reused by the warm ones.
  let app: App | undefined;
  return async (event: unknown, context: Context): Promise<WebhookResult> => {
    deps.logger.addContext?.(context);
    const bucket = deps.bucketName();
    if (!bucket) throw new ConfigurationError('BUCKET_NAME is not set');
    app ??= webhookApp({ s3: deps.s3, bucket, logger: deps.logger, now: deps.now });
    if (isSqsEvent(event)) return processRecords(event, app, context, deps.logger);
    if (isAPIGatewayProxyEventV2(event)) return app.resolve(event, context);
    if (isAPIGatewayProxyEventV1(event)) return app.resolve(event, context);
    throw new ConfigurationError('unsupported event: neither API Gateway (1.0/2.0) nor SQS');
  };
}

/**
 * Each FIFO group's records in order, the groups side by side (they never wait for each other).
 * Once a record fails, the rest of its group must not be processed ahead of it, so they are
 * reported failed too (AWS's advice for FIFO partial batch responses). An empty
 * `batchItemFailures` means the whole batch succeeded.
 */
async function processRecords(
  event: SQSEvent,
  app: App,
  context: Context,
  logger: HandlerLogger,
): Promise<SQSBatchResponse> {
  const groups = new Map<string, SQSRecord[]>();
  for (const record of event.Records) {
    const group = record.attributes.MessageGroupId ?? '';
    const records = groups.get(group);
    if (records) records.push(record);
    else groups.set(group, [record]);
  }
  const failed = new Set<string>();
  await Promise.all(
    [...groups.values()].map(async (records) => {
      for (const [i, record] of records.entries()) {
        if (await processRecord(record, app, context, logger)) continue;
        for (const rest of records.slice(i)) failed.add(rest.messageId);
        return;
      }
    }),
  );
  return {
    batchItemFailures: event.Records.filter((r) => failed.has(r.messageId)).map((r) => ({
      itemIdentifier: r.messageId,
    })),
  };
}

/** One record through the routes; false (and logged) when it failed. */
async function processRecord(
  record: SQSRecord,
  app: App,
  context: Context,
  logger: HandlerLogger,
): Promise<boolean> {
  try {
    const result = await app.resolve(eventFromRecord(record), context);
    if ((result.statusCode ?? 200) < 300) return true;
    logger.error('webhook failed', {
      messageId: record.messageId,
      status: result.statusCode,
      body: result.body,
    });
  } catch (err) {
    logger.error('webhook failed', { messageId: record.messageId, error: String(err) });
  }
  return false;
}

// Created once per execution environment and reused by warm invocations.
const logger = new Logger({ serviceName: 'faas-webhook' });
const s3 = new S3Client({});

export const handler = createWebhookHandler({
  s3,
  logger,
  bucketName: () => process.env['BUCKET_NAME'],
  now: () => new Date(),
});
