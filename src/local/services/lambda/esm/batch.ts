// Runs one received SQS batch through the function as Lambda's SQS poller does: deletes what the
// filters reject, invokes within the 6 MB limit, deletes what succeeded; the rest stays in flight.

import type { Message } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import type { Cloud } from '../../../cloud.js';
import { AwsServiceError } from '../../../errors.js';
import { arnFor } from '../arns.js';
import { MAX_SYNC_PAYLOAD } from '../invoker.js';
import { readBatchResponse } from './batchResult.js';
import { type MappingRecord, reportsBatchItemFailures } from './model.js';
import { passesFilters, toRecord } from './sqsEvent.js';

export interface BatchHost {
  cloud: Cloud;
  /** True once the cloud is stopping: results are ignored and messages stay in flight. */
  abandoned(): boolean;
}

/** Messages that stay in the queue: all of the invoked ones, or only these. */
type Failures = 'all' | ReadonlySet<string>;

/** Throttled or not-yet-active invocations are retried a few times before the batch is given back. */
const INVOKE_ATTEMPTS = 3;
const RETRY_STEP_MS = 1000;

/**
 * Failed messages are neither deleted nor made visible: they return when their visibility timeout
 * ends, so SQS counts the receive towards maxReceiveCount and redrives them as usual.
 */
export async function processBatch(host: BatchHost, m: MappingRecord, messages: Message[]): Promise<void> {
  const { cloud } = host;
  const records = messages.map((msg) => toRecord(msg, m.eventSourceArn, cloud.region));
  const matched: SQSRecord[] = [];
  const dropped: SQSRecord[] = [];
  for (const r of records) (passesFilters(r, m.filters) ? matched : dropped).push(r);
  // AWS deletes the messages a mapping's filter criteria drop: they are never delivered.
  await deleteRecords(host, m, dropped);
  const fifo = m.eventSourceArn.endsWith('.fifo');
  // FIFO: once a record fails, the later records of its group must not be processed before it
  // (AWS: stop at the first failure), so they go back to the queue with it, in order.
  const blocked = new Set<string>();
  for (const chunk of chunks(matched)) {
    const runnable = fifo ? chunk.filter((r) => !blocked.has(groupOf(r))) : chunk;
    if (runnable.length === 0 || host.abandoned()) continue;
    const failures = await invoke(host, m, runnable);
    if (host.abandoned()) return;
    const done: SQSRecord[] = [];
    for (const r of runnable) {
      const group = groupOf(r);
      const failed = failures === 'all' || failures.has(r.messageId) || (fifo && blocked.has(group));
      if (!failed) done.push(r);
      else if (fifo) blocked.add(group);
    }
    await deleteRecords(host, m, done);
  }
}

const groupOf = (r: SQSRecord): string => r.attributes.MessageGroupId ?? '';

/** Splits records so that each invocation stays under Invoke's 6 MB synchronous payload limit. */
function* chunks(records: SQSRecord[]): Generator<SQSRecord[]> {
  const limit = MAX_SYNC_PAYLOAD - 16; // room for `{"Records":[]}`
  let current: SQSRecord[] = [];
  let size = 0;
  for (const r of records) {
    const bytes = Buffer.byteLength(JSON.stringify(r)) + 1;
    if (current.length > 0 && size + bytes > limit) {
      yield current;
      current = [];
      size = 0;
    }
    current.push(r);
    size += bytes;
  }
  if (current.length > 0) yield current;
}

async function invoke(host: BatchHost, m: MappingRecord, records: SQSRecord[]): Promise<Failures> {
  const { cloud } = host;
  const log = (line: string) => cloud.log(`lambda esm ${m.uuid}: ${line}`);
  const payload = Buffer.from(JSON.stringify({ Records: records }));
  const functionArn = arnFor(cloud, m.functionName, m.qualifier);
  for (let attempt = 1; ; attempt++) {
    try {
      const outcome = await cloud.api('lambda').invoke({ functionArn, payload });
      if (outcome.functionError) {
        log(`${functionArn} failed; ${records.length} message(s) return after the visibility timeout`);
        return 'all';
      }
      if (!reportsBatchItemFailures(m)) return new Set();
      const verdict = readBatchResponse(outcome.payload, new Set(records.map((r) => r.messageId)));
      if (verdict.kind === 'success') return new Set();
      if (verdict.kind === 'partial') return verdict.ids;
      log(`invalid partial batch response (${verdict.reason}): the whole batch returns to the queue`);
      return 'all';
    } catch (e) {
      if (host.abandoned()) return 'all';
      const retryable = e instanceof AwsServiceError && (e.status === 429 || e.status === 409);
      if (retryable && attempt < INVOKE_ATTEMPTS) {
        await cloud.clock.sleep(RETRY_STEP_MS * attempt);
        continue;
      }
      const why = e instanceof AwsServiceError ? `${e.code}: ${e.message}` : String(e);
      log(`could not invoke ${functionArn} (${why}); the batch returns after the visibility timeout`);
      return 'all';
    }
  }
}

async function deleteRecords(host: BatchHost, m: MappingRecord, records: SQSRecord[]): Promise<void> {
  if (records.length === 0 || host.abandoned()) return;
  const sqs = host.cloud.api('sqs');
  await Promise.all(
    records.map((r) =>
      sqs.delete(m.eventSourceArn, r.receiptHandle).catch((e: unknown) => {
        // A handle whose visibility timeout ran out (FIFO) cannot delete: the message comes back.
        host.cloud.log(`lambda esm ${m.uuid}: could not delete message ${r.messageId}: ${e}`);
      }),
    ),
  );
}
