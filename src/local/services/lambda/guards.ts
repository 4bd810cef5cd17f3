// Checks several actions share: no change while an update is in flight, RevisionId preconditions,
// and Marker/MaxItems paging.

import { functionArn, validationError, type Where } from './arns.js';
import { invalidParameter, preconditionFailed, updateInProgress } from './errors.js';
import type { FunctionState } from './model.js';

/** AWS refuses to change or publish $LATEST while it is still being created or updated. */
export function assertSettled(where: Where, fn: FunctionState): void {
  if (fn.latest.state === 'Pending' || fn.latest.lastUpdateStatus === 'InProgress') {
    throw updateInProgress(functionArn(where, fn.name));
  }
}

export function checkRevision(given: string | undefined, actual: string, api?: string): void {
  if (given !== undefined && given !== '' && given !== actual) throw preconditionFailed(api);
}

/** Opaque markers: the key of the last item returned, base64url. */
export function page<T>(
  items: T[],
  keyOf: (item: T) => string,
  marker: string | undefined,
  maxItems: number | undefined,
): { items: T[]; nextMarker?: string } {
  if (maxItems !== undefined && (maxItems < 1 || maxItems > 10000)) {
    throw validationError(
      `Value '${maxItems}' at 'maxItems' failed to satisfy constraint: Member must have value ${maxItems < 1 ? 'greater than or equal to 1' : 'less than or equal to 10000'}`,
    );
  }
  let start = 0;
  if (marker) {
    const after = Buffer.from(marker, 'base64url').toString('utf8');
    const index = items.findIndex((item) => keyOf(item) > after);
    if (!after) throw invalidParameter('Invalid marker');
    start = index === -1 ? items.length : index;
  }
  const size = maxItems ?? 50;
  const slice = items.slice(start, start + size);
  const more = start + size < items.length;
  return {
    items: slice,
    nextMarker: more ? Buffer.from(keyOf(slice[slice.length - 1])).toString('base64url') : undefined,
  };
}
