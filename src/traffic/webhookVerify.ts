// Checks the last webhook send: every accepted webhook is stored exactly once (one object under
// webhooks/<group>/ holding its id) and, within each group, SQS's sequence order is the send order
// and the webhook Lambda processed them in that order. Polls until everything is there or the deadline.

import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { SentWebhook } from './webhookSend.js';

export interface WebhookVerifyReport {
  found: number;
  missing: string[];
  /** Ids stored more than once. */
  duplicated: string[];
  /** Groups whose sequence order differs from the send order, or that were processed out of it. */
  outOfOrder: string[];
}

export interface WebhookVerifyOptions {
  s3: S3Client;
  bucket: string;
  records: SentWebhook[];
  timeoutMs: number;
  sleep(ms: number): Promise<void>;
  now(): number;
}

interface StoredObject {
  id: string;
  sequenceNumber: string;
  /** When the webhook Lambda processed it (ms since the epoch); NaN when the object has no time. */
  processedAt: number;
}

// Sequence numbers are up to 20-digit decimals, beyond a double's precision.
const bySequence = (a: StoredObject, b: StoredObject): number => {
  const x = BigInt(a.sequenceNumber);
  const y = BigInt(b.sequenceNumber);
  return x < y ? -1 : x > y ? 1 : 0;
};

async function listGroup(s3: S3Client, bucket: string, group: string): Promise<StoredObject[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: `webhooks/${encodeURIComponent(group)}/`,
        ContinuationToken: token,
      }),
    );
    keys.push(...(page.Contents ?? []).map((o) => o.Key ?? ''));
    token = page.NextContinuationToken;
  } while (token);
  return Promise.all(
    keys.map(async (Key) => {
      const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key }));
      const stored = JSON.parse(await res.Body!.transformToString()) as {
        id?: unknown;
        sequenceNumber?: unknown;
        receivedAt?: unknown;
      };
      return {
        id: String(stored.id),
        sequenceNumber: String(stored.sequenceNumber ?? '0'),
        processedAt: Date.parse(String(stored.receivedAt)),
      };
    }),
  );
}

function check(records: SentWebhook[], stored: Map<string, StoredObject[]>): WebhookVerifyReport {
  const report: WebhookVerifyReport = { found: 0, missing: [], duplicated: [], outOfOrder: [] };
  for (const [group, objects] of stored) {
    const sent = records.filter((r) => r.group === group).sort((a, b) => a.n - b.n);
    const mine = objects.filter((o) => sent.some((r) => r.id === o.id)).sort(bySequence);
    const seen = new Map<string, number>();
    for (const o of mine) seen.set(o.id, (seen.get(o.id) ?? 0) + 1);
    for (const r of sent) {
      const times = seen.get(r.id) ?? 0;
      if (times === 0) report.missing.push(r.id);
      else report.found++;
      if (times > 1) report.duplicated.push(r.id);
    }
    // Each id at its first stored position; only once all are there is the order meaningful.
    const order = [...new Set(mine.map((o) => o.id))];
    const sequencedInOrder = order.every((id, i) => id === sent[i]!.id);
    // Only one batch of a group is in flight at a time, so processing times never go backwards
    // along the sequence (equal times: the same millisecond).
    const processedInOrder = mine.every((o, i) => i === 0 || !(o.processedAt < mine[i - 1]!.processedAt));
    if (order.length === sent.length && (!sequencedInOrder || !processedInOrder))
      report.outOfOrder.push(group);
  }
  return report;
}

export async function verifyWebhooks(options: WebhookVerifyOptions): Promise<WebhookVerifyReport> {
  const groups = [...new Set(options.records.map((r) => r.group))];
  const deadline = options.now() + options.timeoutMs;
  for (let round = 0; ; round++) {
    const stored = new Map<string, StoredObject[]>();
    for (const group of groups) stored.set(group, await listGroup(options.s3, options.bucket, group));
    const report = check(options.records, stored);
    if ((report.missing.length === 0 && report.duplicated.length === 0) || options.now() >= deadline)
      return report;
    await options.sleep(Math.min(200 * 2 ** Math.min(round, 3), Math.max(0, deadline - options.now())));
  }
}
