// Looks up the version a control-plane call refers to ($LATEST, a number, or an alias's primary
// version) with AWS's "not found" wording for each case.

import { arnFor, type FunctionRef, isAliasName, type Where } from './arns.js';
import { functionNotFound, notFound } from './errors.js';
import { type FunctionState, LATEST, type VersionState } from './model.js';
import type { FunctionStore } from './store.js';

export interface Resolved {
  fn: FunctionState;
  version: VersionState;
  /** Unqualified without a qualifier; otherwise the version's or the alias's ARN. */
  arn: string;
}

export function resolveVersion(store: FunctionStore, where: Where, ref: FunctionRef): Resolved {
  const arn = arnFor(where, ref.name, ref.qualifier);
  const fn = store.get(ref.name);
  if (!fn) throw functionNotFound(arn);
  const q = ref.qualifier;
  if (q === undefined || q === LATEST) return { fn, version: fn.latest, arn };
  const number = isAliasName(q) ? fn.aliases[q]?.functionVersion : q;
  const version = number === undefined ? undefined : number === LATEST ? fn.latest : fn.versions[number];
  if (!version) throw functionNotFound(arn);
  return { fn, version, arn };
}

/**
 * For per-qualifier settings (policies, async config): the qualifier must name an existing alias or
 * version; returns the key they are stored under ('$LATEST' without one).
 */
export function requireQualifier(where: Where, fn: FunctionState, qualifier: string | undefined): string {
  if (qualifier === undefined || qualifier === LATEST) return LATEST;
  const arn = arnFor(where, fn.name, qualifier);
  if (isAliasName(qualifier)) {
    if (!fn.aliases[qualifier]) throw notFound(`Cannot find alias arn: ${arn}`);
  } else if (!fn.versions[qualifier]) {
    throw functionNotFound(arn);
  }
  return qualifier;
}
