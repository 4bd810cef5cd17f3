// Shared by the event source mapping tests: a handler that journals every record it sees to a
// file (and fails, reports or misbehaves as the message body asks), queue setup, and waits.

import { existsSync, readFileSync } from 'node:fs';
import {
  GetEventSourceMappingCommand,
  type GetEventSourceMappingCommandOutput,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { expect } from 'vitest';

/**
 * Appends one JSON line per record to $OUT: the record, its parsed body, receive count, the size
 * of its batch and whether it "succeeded". Body fields: `fail: 'always' | 'once'` reports the record as failed
 * (always, or on its first receive); `respond: 'malformed' | 'throw'` makes the whole invocation
 * answer an invalid partial batch response or throw, on the record's first receive. With
 * $STOP_GROUP set, later records of a failed FIFO group are reported without being processed.
 * $RESPONSE = 'empty' | 'null' picks how a fully successful batch answers.
 */
export const JOURNAL_HANDLER = `
const fs = require('node:fs');
exports.handler = async (event) => {
  const failures = [];
  const stopped = new Set();
  let malformed = false;
  let boom = false;
  for (const r of event.Records) {
    let body;
    try { body = JSON.parse(r.body); } catch { body = r.body; }
    const count = Number(r.attributes.ApproximateReceiveCount);
    const group = r.attributes.MessageGroupId;
    if (group && stopped.has(group)) {
      failures.push({ itemIdentifier: r.messageId });
      continue;
    }
    const fail = !!body && (body.fail === 'always' || (body.fail === 'once' && count === 1));
    const line = { id: r.messageId, body, count, group, ok: !fail, batch: event.Records.length, record: r };
    fs.appendFileSync(process.env.OUT, JSON.stringify(line) + '\\n');
    if (fail) {
      failures.push({ itemIdentifier: r.messageId });
      if (group && process.env.STOP_GROUP) stopped.add(group);
    }
    if (body && body.respond === 'malformed' && count === 1) malformed = true;
    if (body && body.respond === 'throw' && count === 1) boom = true;
  }
  if (boom) throw new Error('the batch fails');
  if (malformed) return { batchItemFailures: [{ itemIdentifier: '' }] };
  if (failures.length > 0) return { batchItemFailures: failures };
  if (process.env.RESPONSE === 'empty') return { batchItemFailures: [] };
  if (process.env.RESPONSE === 'null') return null;
  return {};
};`;

export interface Delivery {
  id: string;
  body: { n?: number; tag?: string; group?: string; [k: string]: unknown } | string;
  count: number;
  group?: string;
  ok: boolean;
  /** How many records the invocation carried. */
  batch: number;
  record: Record<string, unknown> & { attributes: Record<string, string> };
}

export function deliveries(file: string): Delivery[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Delivery);
}

export async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1600; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function createQueue(
  sqs: SQSClient,
  name: string,
  attributes: Record<string, string> = {},
): Promise<{ url: string; arn: string }> {
  const url = (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }))).QueueUrl!;
  const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] })))
    .Attributes!.QueueArn!;
  return { url, arn };
}

/** Messages still in the queue, visible or in flight. */
export async function queueDepth(sqs: SQSClient, url: string): Promise<number> {
  const a = (
    await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    )
  ).Attributes!;
  return Number(a.ApproximateNumberOfMessages) + Number(a.ApproximateNumberOfMessagesNotVisible);
}

export async function waitForState(
  lambda: LambdaClient,
  uuid: string,
  state: string,
): Promise<GetEventSourceMappingCommandOutput> {
  let last: GetEventSourceMappingCommandOutput | undefined;
  await until(async () => {
    last = await lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }));
    return last.State === state;
  }, `mapping ${uuid} to become ${state}`);
  return last!;
}

/** Expects the call to fail with this error name, HTTP status and message. */
export async function expectError(
  call: Promise<unknown>,
  name: string,
  status: number,
  message?: string,
): Promise<void> {
  const err = (await call.then(
    () => undefined,
    (e: unknown) => e,
  )) as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  expect(err, `expected ${name}`).toBeDefined();
  expect(err?.name).toBe(name);
  expect(err?.$metadata?.httpStatusCode).toBe(status);
  if (message !== undefined) expect(err?.message).toBe(message);
}
