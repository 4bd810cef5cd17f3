// Shared by the CloudWatch Logs integration tests: a client on the local endpoint, the file's own
// local cloud (`useLogsCloud`), unique names, the AWS error shapes, and seeded groups and streams.

import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  type InputLogEvent,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { expect } from 'vitest';
import type { LocalCloud } from '../../src/local/index.js';
import { useLocalCloud } from '../helpers/localCloud.js';

export const logsClient = (endpoint: string): CloudWatchLogsClient =>
  new CloudWatchLogsClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });

/** The calling file's local cloud and a client on it: set once `useLogsCloud()` has started it. */
export let local: LocalCloud;
export let logs: CloudWatchLogsClient;

/** Starts one local cloud for the calling test file and binds `local` and `logs` to it. */
export function useLogsCloud(): void {
  useLocalCloud((l) => {
    local = l;
    logs = logsClient(l.endpoint);
  });
}

let counter = 0;
export const unique = (base: string): string => `${base}-${process.pid}-${++counter}`;
export const arnOf = (group: string): string => `arn:aws:logs:us-east-1:000000000000:log-group:${group}`;

export const invalid = (message?: string | RegExp) => ({
  name: 'InvalidParameterException',
  ...(message === undefined
    ? {}
    : { message: typeof message === 'string' ? message : expect.stringMatching(message) }),
  $metadata: { httpStatusCode: 400 },
});
export const notFound = (what: 'group' | 'stream') => ({
  name: 'ResourceNotFoundException',
  message: `The specified log ${what} does not exist.`,
  $metadata: { httpStatusCode: 400 },
});

export async function groupWithStream(
  events: InputLogEvent[] = [],
): Promise<{ group: string; stream: string }> {
  const group = `/faas/test/${unique('g')}`;
  const stream = unique('s');
  await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
  await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
  if (events.length > 0)
    await logs.send(
      new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: events }),
    );
  return { group, stream };
}

export const base = Date.now() - 60_000;
export const numbered = (n: number, from = 0): InputLogEvent[] =>
  Array.from({ length: n }, (_, i) => ({ timestamp: base + from + i, message: `event ${from + i}` }));
