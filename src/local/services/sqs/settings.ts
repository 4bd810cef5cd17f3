// CreateQueue/SetQueueAttributes input checks that need the other queues: redrive policies point
// at existing dead-letter queues of the same type. Also the tag limits.

import { normalizeAttributes } from './attributes.js';
import { invalidParameter } from './errors.js';
import { normalizeRedriveAllowPolicy, normalizeRedrivePolicy } from './redrive.js';
import type { SqsStore } from './store.js';

/** Validated, normalized attribute changes for the queue `arn` of type `fifo`. */
export function resolveAttributes(
  store: SqsStore,
  arn: string,
  fifo: boolean,
  raw: Record<string, string>,
): Record<string, string> {
  const changes = normalizeAttributes(raw, fifo);
  if (changes.RedrivePolicy)
    changes.RedrivePolicy = normalizeRedrivePolicy(changes.RedrivePolicy, { arn, fifo }, (target) => {
      const q = store.byArn(target);
      return q && { fifo: q.fifo, redriveAllowPolicy: q.attrs.RedriveAllowPolicy };
    });
  if (changes.RedriveAllowPolicy)
    changes.RedriveAllowPolicy = normalizeRedriveAllowPolicy(changes.RedriveAllowPolicy);
  return changes;
}

/** Queue tags: at most 50, keys 1–128 and values up to 256 characters. */
export function checkTags(tags: Record<string, string>, queue: string): void {
  if (Object.keys(tags).length > 50) throw invalidParameter(`Too many tags added for queue ${queue}.`);
  for (const [k, v] of Object.entries(tags)) {
    if (k.length < 1 || k.length > 128)
      throw invalidParameter('Tag keys must be between 1 and 128 characters in length.');
    if (String(v).length > 256)
      throw invalidParameter('Tag values must be less than 256 characters in length.');
  }
}
