// What the filter-pattern dialects share: the predicate type, AWS's error and `*` wildcards.

import type { AwsServiceError } from '../../errors.js';
import { invalidParameter } from './validate.js';

export type Matcher = (message: string) => boolean;

export const invalidPattern = (pattern: string): AwsServiceError =>
  invalidParameter(`Invalid filter pattern: ${pattern}`);

/** `*` in a filter value matches any run of characters; everything else is literal. */
export function wildcardRegExp(value: string): RegExp {
  const escaped = value.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`, 's');
}
