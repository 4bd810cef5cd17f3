// The webhook flow's domain logic: the webhook app's routes (Powertools' HTTP Router, for API
// Gateway payload 1.0 and 2.0), and a webhook (an SQS record rebuilt into its POST /webhook
// request) stored as webhooks/<group>/<sequence>.json, create-only.

import { BadRequestError, Router } from '@aws-lambda-powertools/event-handler/http';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEventV2, SQSRecord } from 'aws-lambda';
import type { HandlerLogger } from './ingest.js';
import { isPreconditionFailed, type PutObjectSender } from './store.js';
import { DEFAULT_GROUP, webhookGroup } from './webhookGroup.js';

/** What SQS knew of a webhook: where it sits in its group and its deduplication id. */
export interface Delivery {
  sequenceNumber: string;
  messageId: string;
}

/** The stored object: the body as JSON when it parses, as text otherwise (never dropped). */
export interface StoredWebhook {
  id: string;
  group: string;
  sequenceNumber: string;
  messageId: string;
  receivedAt: string;
  body: unknown;
  /** True when the body was not JSON and is kept as the text it was. */
  bodyIsText: boolean;
}

export interface WebhookDeps {
  s3: PutObjectSender;
  bucket: string;
  logger: HandlerLogger;
  now(): Date;
}

/** Group names become an S3 key segment: anything outside a safe set is percent-encoded. */
export const webhookKey = (group: string, sequenceNumber: string): string =>
  `webhooks/${encodeURIComponent(group)}/${sequenceNumber}.json`;

function parseBody(text: string): { body: unknown; bodyIsText: boolean } {
  try {
    return { body: JSON.parse(text), bodyIsText: false };
  } catch {
    return { body: text, bodyIsText: true };
  }
}

/** What storing needs of the request: its group and id headers, and its body as text. */
export interface WebhookRequest {
  headers: Headers;
  body: string;
}

export async function storeWebhook(
  request: WebhookRequest,
  delivery: Delivery,
  deps: WebhookDeps,
): Promise<StoredWebhook> {
  const group = request.headers.get('x-webhook-group') || DEFAULT_GROUP;
  const id = request.headers.get('x-webhook-id') || delivery.messageId;
  const stored: StoredWebhook = {
    id,
    group,
    sequenceNumber: delivery.sequenceNumber,
    messageId: delivery.messageId,
    receivedAt: deps.now().toISOString(),
    ...parseBody(request.body),
  };
  const key = webhookKey(group, delivery.sequenceNumber);
  try {
    await deps.s3.send(
      new PutObjectCommand({
        Bucket: deps.bucket,
        Key: key,
        Body: JSON.stringify(stored),
        ContentType: 'application/json',
        // A redelivered message has the same sequence number: its first write stands.
        IfNoneMatch: '*',
      }),
    );
    deps.logger.info('webhook stored', { key, id, bodyIsText: stored.bodyIsText });
  } catch (err) {
    if (!isPreconditionFailed(err)) throw err;
    deps.logger.info('webhook already stored', { key, id });
  }
  return stored;
}

/**
 * Where each queued request came from: the events processRecords builds from SQS records. A
 * request API Gateway sent has no entry, so a caller cannot claim a queue position by header.
 */
const deliveries = new WeakMap<object, Delivery>();

/** The app's routes: GET /, GET /health, GET /api/{path+}, and POST /webhook for queued requests. */
export function webhookApp(deps: WebhookDeps): Router {
  const app = new Router();
  app.get('/', () => ({ service: 'faas-webhook', routes: ['/health', '/webhook', '/api/{path+}'] }));
  app.get('/health', () => ({ status: 'ok' }));
  app.get(/^\/api\/(?<path>.+)$/, ({ params, req }) => ({
    path: params['path'],
    query: Object.fromEntries(new URL(req.url).searchParams),
  }));
  app.post('/webhook', async ({ req, event }) => {
    const delivery = deliveries.get(event);
    // The HTTP API sends POST /webhook to SQS, never here: only a misrouted call gets this.
    if (!delivery) throw new BadRequestError('POST /webhook goes through the queue');
    const stored = await storeWebhook({ headers: req.headers, body: await req.text() }, delivery, deps);
    return { stored: webhookKey(stored.group, stored.sequenceNumber) };
  });
  return app;
}

/**
 * The POST /webhook request an SQS record carried, as an API Gateway payload 2.0 event: its group
 * and id become headers again, and its queue position is remembered for the route.
 */
export function eventFromRecord(record: SQSRecord): APIGatewayProxyEventV2 {
  const a = record.attributes as SQSRecord['attributes'] & Record<string, string | undefined>;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-webhook-group': webhookGroup(a.MessageGroupId),
  };
  // A redriven webhook carries its id as an attribute (its deduplication id had to be new); else
  // the caller's x-webhook-id is the deduplication id (content-based: the body's hash).
  const id = record.messageAttributes?.['webhook-id']?.stringValue ?? a.MessageDeduplicationId;
  if (id) headers['x-webhook-id'] = id;
  const sent = Number(a.SentTimestamp ?? 0);
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: 'POST /webhook',
    rawPath: '/webhook',
    rawQueryString: '',
    headers,
    body: record.body,
    isBase64Encoded: false,
    requestContext: {
      accountId: record.eventSourceARN.split(':')[4] ?? '',
      apiId: 'sqs',
      domainName: 'sqs',
      domainPrefix: 'sqs',
      http: { method: 'POST', path: '/webhook', protocol: 'HTTP/1.1', sourceIp: '', userAgent: '' },
      requestId: record.messageId,
      routeKey: 'POST /webhook',
      stage: '$default',
      time: new Date(sent).toISOString(),
      timeEpoch: sent,
    },
  };
  deliveries.set(event, {
    sequenceNumber: a.SequenceNumber ?? record.messageId,
    messageId: record.messageId,
  });
  return event;
}
