// ListQueues/ListDeadLetterSourceQueues paging: sorted names, an opaque NextToken only when
// MaxResults was given and more remain, as AWS does.

import { invalidParameter, invalidValue } from './errors.js';

export function page(
  names: string[],
  maxResults: number | undefined,
  nextToken: string | undefined,
): { names: string[]; nextToken?: string } {
  if (maxResults !== undefined && (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 1000))
    throw invalidValue('MaxResults', maxResults, 'MaxResults must be an integer between 1 and 1000.');
  const sorted = [...names].sort();
  let start = 0;
  if (nextToken) {
    const after = Buffer.from(nextToken, 'base64url').toString('utf8');
    if (!after || Buffer.from(after, 'utf8').toString('base64url') !== nextToken)
      throw invalidParameter('Invalid NextToken value.');
    start = sorted.findIndex((n) => n > after);
    if (start < 0) start = sorted.length;
  }
  const size = maxResults ?? 1000;
  const slice = sorted.slice(start, start + size);
  const more = maxResults !== undefined && start + size < sorted.length;
  return {
    names: slice,
    nextToken: more ? Buffer.from(slice[slice.length - 1], 'utf8').toString('base64url') : undefined,
  };
}
