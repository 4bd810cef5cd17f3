// NextToken/Limit paging shared by the List* operations: the token is an opaque offset into the
// (sorted) listing, as stable as AWS's for a listing that is not modified between pages.

import { validation } from '../../errors.js';
import { constraints } from './validate.js';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export function paginate<T>(
  all: readonly T[],
  nextToken: string | undefined,
  limit: number | undefined,
): Page<T> {
  constraints().number(limit, 'limit', 1, 100).check();
  let start = 0;
  if (nextToken !== undefined) {
    const decoded = /^o:(\d+)$/.exec(Buffer.from(nextToken, 'base64').toString('utf8'));
    if (!decoded) throw validation('The NextToken provided is not valid.');
    start = Number(decoded[1]);
  }
  const size = limit ?? 100;
  const items = all.slice(start, start + size);
  const end = start + items.length;
  return {
    items,
    nextToken: end < all.length ? Buffer.from(`o:${end}`).toString('base64') : undefined,
  };
}
