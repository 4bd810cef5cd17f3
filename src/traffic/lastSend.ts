// `.faas/last-send.json`: what the last `faas send` posted and got back, so `faas verify --last`
// can check it without the user copying ids around.

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FaasError } from '../errors.js';
import type { SentRecord } from './send.js';
import type { SentWebhook } from './webhookSend.js';

export interface LastSend {
  /** Absent in files written before webhooks existed: events. */
  kind?: 'events' | 'webhook';
  project: string;
  apiUrl: string;
  sentAt: string;
  records: SentRecord[];
  /** kind `webhook`: what POST /webhook accepted, with group and send order. */
  webhooks?: SentWebhook[];
}

export const lastSendPath = (stateDir: string): string => join(stateDir, 'last-send.json');

export async function writeLastSend(stateDir: string, data: LastSend): Promise<void> {
  const file = lastSendPath(stateDir);
  await mkdir(dirname(file), { recursive: true });
  // Write then rename, so an interrupted send never leaves a half-written file behind.
  await writeFile(`${file}.tmp`, JSON.stringify(data, null, 2));
  await rename(`${file}.tmp`, file);
}

export async function readLastSend(stateDir: string): Promise<LastSend> {
  const file = lastSendPath(stateDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new FaasError('NoPreviousSend', `There is no previous send to verify (${file} does not exist).`, {
      hint: 'Run `faas send` first, or pass the ids to check: `faas verify <id>…`.',
    });
  }
  try {
    return JSON.parse(text) as LastSend;
  } catch (cause) {
    throw new FaasError('NoPreviousSend', `${file} is not valid JSON.`, {
      cause,
      hint: 'Delete it and run `faas send` again.',
    });
  }
}
