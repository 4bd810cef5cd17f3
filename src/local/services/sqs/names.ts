// Queue names, URLs and ARNs. URLs are `<endpoint>/<account>/<name>`, computed from the endpoint
// the cloud listens on (never stored), and parsed leniently: any host, the path decides.

import { invalidAddress, invalidParameter, missingParameter } from './errors.js';

const NAME = /^[a-zA-Z0-9_-]{1,80}$/;

/** Validates a CreateQueue name against its type, with AWS's two messages. */
export function checkQueueName(name: string, fifo: boolean): void {
  if (fifo) {
    // The .fifo suffix counts towards the 80-character limit.
    if (!name.endsWith('.fifo') || !NAME.test(`${name.slice(0, -5)}_fifo`))
      throw invalidParameter(
        'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length',
      );
    return;
  }
  if (!NAME.test(name))
    throw invalidParameter(
      'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
    );
}

export const queueArn = (region: string, account: string, name: string): string =>
  `arn:aws:sqs:${region}:${account}:${name}`;

export const queueUrl = (endpoint: string, account: string, name: string): string =>
  `${endpoint}/${account}/${name}`;

export interface QueueLocation {
  account: string;
  name: string;
}

const PATH = /^\/(\d{12})\/([^/]+?)\/?$/;

/** `/<account>/<name>` → its parts (the query protocol may POST to the queue URL itself). */
export function parseQueuePath(path: string): QueueLocation | undefined {
  const m = PATH.exec(path);
  return m ? { account: m[1], name: decodeURIComponent(m[2]) } : undefined;
}

/** A QueueUrl parameter → account and name; a missing one is MissingParameter, junk InvalidAddress. */
export function parseQueueUrl(url: string | undefined): QueueLocation {
  if (url === undefined || url === '') throw missingParameter('QueueUrl');
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    throw invalidAddress(url);
  }
  const loc = parseQueuePath(path);
  if (!loc) throw invalidAddress(url);
  return loc;
}

/** `arn:aws:sqs:<region>:<account>:<name>` → account and name. */
export function parseQueueArn(arn: string): QueueLocation | undefined {
  const parts = arn.split(':');
  if (parts.length !== 6 || parts[0] !== 'arn' || parts[2] !== 'sqs') return undefined;
  return { account: parts[4], name: parts[5] };
}
