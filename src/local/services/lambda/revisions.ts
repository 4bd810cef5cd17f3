// RevisionIds of the things a qualifier names: $LATEST, a published version, or an alias.

import { randomUUID } from 'node:crypto';
import { isAliasName } from './arns.js';
import { type FunctionState, LATEST } from './model.js';

export function qualifierRevision(fn: FunctionState, key: string): string {
  if (key === LATEST) return fn.latest.revisionId;
  if (isAliasName(key)) return fn.aliases[key]?.revisionId ?? '';
  return fn.versions[key]?.revisionId ?? '';
}

/** A policy change gives the version or alias it belongs to a new RevisionId, as on AWS. */
export function bumpRevision(draft: FunctionState, key: string): void {
  if (key === LATEST) draft.latest.revisionId = randomUUID();
  else if (isAliasName(key)) {
    const alias = draft.aliases[key];
    if (alias) alias.revisionId = randomUUID();
  } else {
    const version = draft.versions[key];
    if (version) version.revisionId = randomUUID();
  }
}
