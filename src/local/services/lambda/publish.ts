// Publishing: a numbered version is an immutable snapshot of $LATEST (configuration and code). If
// $LATEST was not updated since the last published version, AWS hands that version back instead.

import { randomUUID } from 'node:crypto';
import { pending } from './lifecycle.js';
import type { FunctionState, VersionState } from './model.js';

export function lastPublished(fn: FunctionState): VersionState | undefined {
  let last: VersionState | undefined;
  for (const v of Object.values(fn.versions)) if (!last || Number(v.version) > Number(last.version)) last = v;
  return last;
}

/**
 * Publishes $LATEST of `draft` in place (the caller commits it). Returns the new version, Pending
 * until the lifecycle settles it, or the unchanged previous one with `created: false`.
 */
export function publishInto(
  draft: FunctionState,
  description: string | undefined,
  now: number,
): { version: VersionState; created: boolean } {
  const previous = lastPublished(draft);
  if (previous && previous.updateId === draft.latest.updateId) return { version: previous, created: false };
  const number = String(draft.lastVersion + 1);
  const version: VersionState = {
    ...structuredClone(draft.latest),
    version: number,
    description: description ?? draft.latest.description,
    lastModified: now,
    revisionId: randomUUID(),
  };
  pending(version);
  draft.lastVersion += 1;
  draft.versions[number] = version;
  return { version, created: true };
}
