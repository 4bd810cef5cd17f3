// Shared by the Lambda destination tests: ARNs in the local account, handlers that succeed or
// fail, and waits for a record to arrive.

import { ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

export const ACCOUNT = '000000000000';
export const FN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function`;
export const queueArn = (name: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;
export const busArn = (name: string) => `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/${name}`;

export const SUCCEED = 'exports.handler = async (e) => ({ ok: true, got: e });';
export const FAIL = "exports.handler = async () => { throw new Error('boom'); };";

/** Polls `probe` until it yields something other than undefined. */
export async function until<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The first message's body as JSON, waiting (long polls of 20 s, scaled) until one arrives. */
export const receiveJson = (sqs: SQSClient, url: string) =>
  until(async () => {
    const out = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20, MaxNumberOfMessages: 10 }),
    );
    const body = out.Messages?.[0]?.Body;
    return body === undefined ? undefined : (JSON.parse(body) as Record<string, unknown>);
  }, `a message on ${url}`);
