// Drives POST /webhook: each webhook carries its FIFO group (x-webhook-group) and a unique id
// (x-webhook-id, SQS's deduplication id). Within a group requests go one at a time, so the order
// they were sent in is the order SQS sequenced them; groups go side by side up to the concurrency.

import { randomUUID } from 'node:crypto';
import { post } from './send.js';

export interface SentWebhook {
  id: string;
  group: string;
  /** Position within its group, from 0: the order processing must keep. */
  n: number;
  /** SQS's sequence number, as API Gateway relayed it. */
  sequenceNumber?: string;
  body: unknown;
}

export interface WebhookFailure {
  id: string;
  group: string;
  status: number;
  message: string;
}

export interface WebhookSendResult {
  accepted: SentWebhook[];
  failures: WebhookFailure[];
  durationMs: number;
}

export interface WebhookSendOptions {
  url: string;
  groups: string[];
  count: number;
  concurrency: number;
  body: (index: number, group: string) => unknown;
  newId?: () => string;
}

/** The SequenceNumber of SQS's SendMessageResponse, when the answer is one. */
function sequenceOf(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as {
      SendMessageResponse?: { SendMessageResult?: { SequenceNumber?: unknown } };
    };
    const seq = parsed.SendMessageResponse?.SendMessageResult?.SequenceNumber;
    return typeof seq === 'string' ? seq : undefined;
  } catch {
    return undefined;
  }
}

/** SQS's error as API Gateway relays it (`{"Error":{"Code","Message"}}`), or the raw text. */
function errorText(text: string, status: number): string {
  try {
    const e = (JSON.parse(text) as { Error?: { Code?: string; Message?: string }; message?: string }) ?? {};
    if (e.Error) return `${e.Error.Code}: ${e.Error.Message}`;
    if (e.message) return e.message;
  } catch {
    // Not JSON: the raw text below.
  }
  return text.slice(0, 200) || `HTTP ${status}`;
}

export async function sendWebhooks(options: WebhookSendOptions): Promise<WebhookSendResult> {
  const url = new URL(options.url);
  const newId = options.newId ?? randomUUID;
  // Webhook i goes to group i mod groups: the groups interleave, each in its own send order.
  const perGroup = new Map<string, number[]>(options.groups.map((g) => [g, []]));
  for (let i = 0; i < options.count; i++) perGroup.get(options.groups[i % options.groups.length]!)!.push(i);
  const accepted: SentWebhook[] = [];
  const failures: WebhookFailure[] = [];
  const started = performance.now();
  const runGroup = async (group: string, indexes: number[]) => {
    let n = 0;
    for (const index of indexes) {
      const id = newId();
      const body = options.body(index, group);
      const headers = { 'content-type': 'application/json', 'x-webhook-group': group, 'x-webhook-id': id };
      try {
        const res = await post(
          url,
          undefined,
          headers,
          typeof body === 'string' ? body : JSON.stringify(body),
        );
        if (res.status === 200) {
          const sequenceNumber = sequenceOf(res.text);
          accepted.push({ id, group, n: n++, body, ...(sequenceNumber ? { sequenceNumber } : {}) });
        } else failures.push({ id, group, status: res.status, message: errorText(res.text, res.status) });
      } catch (e) {
        failures.push({ id, group, status: 0, message: e instanceof Error ? e.message : String(e) });
      }
    }
  };
  const queue = [...perGroup.entries()];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await runGroup(...next);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, queue.length)) }, worker));
  return { accepted, failures, durationMs: performance.now() - started };
}
