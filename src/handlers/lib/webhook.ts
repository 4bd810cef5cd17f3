// The webhook flow's domain logic: the routes of the webhook app, and a webhook (an SQS record
// rebuilt into its POST /webhook request) stored as webhooks/<group>/<sequence>.json, create-only.

import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { SQSRecord } from 'aws-lambda';
import type { HandlerLogger } from './ingest.js';
import { type HttpRequest, json, Router } from './router.js';
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

export async function storeWebhook(
  request: HttpRequest,
  delivery: Delivery,
  deps: WebhookDeps,
): Promise<StoredWebhook> {
  const group = request.headers['x-webhook-group'] || DEFAULT_GROUP;
  const id = request.headers['x-webhook-id'] || delivery.messageId;
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

/** The app's routes; `delivery` is only known for requests that came through the queue. */
export function webhookRouter(deps: WebhookDeps, delivery?: Delivery): Router {
  return new Router()
    .add('GET', '/', () =>
      json(200, { service: 'faas-webhook', routes: ['/health', '/webhook', '/api/{path+}'] }),
    )
    .add('GET', '/health', () => json(200, { status: 'ok' }))
    .add('GET', '/api/{path+}', (r) => json(200, { path: r.params['path'], query: r.query }))
    .add('POST', '/webhook', async (r) => {
      // Called directly over HTTP there is no queue position: the HTTP API sends POST /webhook
      // to SQS, never here, so this only happens through a misrouted call.
      if (!delivery)
        return json(400, { error: { code: 'NotQueued', message: 'POST /webhook goes through the queue' } });
      const stored = await storeWebhook(r, delivery, deps);
      return json(200, { stored: webhookKey(stored.group, stored.sequenceNumber) });
    });
}

/** The HTTP request an SQS record carried: POST /webhook with its group and id as headers. */
export function requestFromRecord(record: SQSRecord): Omit<HttpRequest, 'params'> {
  const a = record.attributes as SQSRecord['attributes'] & Record<string, string | undefined>;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  headers['x-webhook-group'] = webhookGroup(a.MessageGroupId);
  // A redriven webhook carries its id as an attribute (its deduplication id had to be new); else
  // the caller's x-webhook-id is the deduplication id (content-based: the body's hash).
  const redriven = record.messageAttributes?.['webhook-id']?.stringValue;
  const id = redriven ?? a.MessageDeduplicationId;
  if (id) headers['x-webhook-id'] = id;
  return { method: 'POST', path: '/webhook', headers, query: {}, body: record.body };
}
