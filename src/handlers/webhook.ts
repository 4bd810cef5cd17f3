// `webhook` Lambda: an HTTP app (GET /, GET /health, GET /api/{path+}) for API Gateway payload 1.0
// and 2.0, and the consumer of the webhook FIFO queue, where each record is rebuilt into its
// POST /webhook request and run through the same routes. Logic is in lib/webhook.ts.

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
import {
  fromPayloadV1,
  fromPayloadV2,
  isPayloadV1,
  isPayloadV2,
  toPayloadV1,
  toPayloadV2,
} from './lib/router.js';
import type { PutObjectSender } from './lib/store.js';
import { requestFromRecord, webhookRouter } from './lib/webhook.js';

export interface WebhookHandlerDeps {
  s3: PutObjectSender;
  logger: HandlerLogger & { addContext?(context: Context): void };
  bucketName(): string | undefined;
  now(): Date;
}

export type WebhookResult = APIGatewayProxyStructuredResultV2 | APIGatewayProxyResult | SQSBatchResponse;

const isSqsEvent = (event: unknown): event is SQSEvent =>
  Array.isArray((event as SQSEvent).Records) && (event as SQSEvent).Records[0]?.eventSource === 'aws:sqs';

export function createWebhookHandler(deps: WebhookHandlerDeps) {
  return async (event: unknown, context: Context): Promise<WebhookResult> => {
    deps.logger.addContext?.(context);
    const bucket = deps.bucketName();
    if (!bucket) throw new ConfigurationError('BUCKET_NAME is not set');
    const base = { s3: deps.s3, bucket, logger: deps.logger, now: deps.now };
    if (isSqsEvent(event)) return processRecords(event, base);
    if (isPayloadV2(event)) return toPayloadV2(await webhookRouter(base).handle(fromPayloadV2(event)));
    if (isPayloadV1(event)) return toPayloadV1(await webhookRouter(base).handle(fromPayloadV1(event)));
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
  deps: Parameters<typeof webhookRouter>[0],
): Promise<SQSBatchResponse> {
  const groups = new Map<string, SQSRecord[]>();
  for (const record of event.Records) {
    const group = record.attributes.MessageGroupId ?? '';
    groups.set(group, [...(groups.get(group) ?? []), record]);
  }
  const failed = new Set<string>();
  await Promise.all(
    [...groups.values()].map(async (records) => {
      for (const [i, record] of records.entries()) {
        if (await processRecord(record, deps)) continue;
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
async function processRecord(record: SQSRecord, deps: Parameters<typeof webhookRouter>[0]): Promise<boolean> {
  const delivery = {
    sequenceNumber: record.attributes.SequenceNumber ?? record.messageId,
    messageId: record.messageId,
  };
  try {
    const result = await webhookRouter(deps, delivery).handle(requestFromRecord(record));
    if (result.status < 300) return true;
    deps.logger.error('webhook failed', {
      messageId: record.messageId,
      status: result.status,
      body: result.body,
    });
  } catch (err) {
    deps.logger.error('webhook failed', { messageId: record.messageId, error: String(err) });
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
