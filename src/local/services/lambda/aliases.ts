// Alias checks shared by CreateAlias and UpdateAlias: the name, the target version, and routing
// weights (one additional version, 0 ≤ weight ≤ 1, never $LATEST), worded as AWS words them.

import type { AliasRoutingConfiguration } from '@aws-sdk/client-lambda';
import { qualifiedArn, validationError, type Where } from './arns.js';
import { functionNotFound, invalidParameter } from './errors.js';
import { type FunctionState, LATEST } from './model.js';

export function validateAliasName(name: string | undefined): string {
  const text = name ?? '';
  if (!/^[a-zA-Z0-9_-]{1,128}$/.test(text) || /^[0-9]+$/.test(text)) {
    throw validationError(
      `Value '${text}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)`,
    );
  }
  return text;
}

export function requireVersion(where: Where, fn: FunctionState, version: string | undefined): string {
  const text = version ?? '';
  if (!/^(\$LATEST|[0-9]+)$/.test(text)) {
    throw validationError(
      `Value '${text}' at 'functionVersion' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\$LATEST|[0-9]+)`,
    );
  }
  if (text !== LATEST && !fn.versions[text]) throw functionNotFound(qualifiedArn(where, fn.name, text));
  return text;
}

/** Returns the weights to store (undefined for none). */
export function routingWeights(
  where: Where,
  fn: FunctionState,
  primary: string,
  routing: AliasRoutingConfiguration | undefined,
): Record<string, number> | undefined {
  const weights = routing?.AdditionalVersionWeights;
  if (!weights || Object.keys(weights).length === 0) return undefined;
  const entries = Object.entries(weights);
  if (entries.length > 1) {
    throw invalidParameter('Number of items in AdditionalVersionWeights cannot be greater than 1');
  }
  const [version, weight] = entries[0];
  if (!(weight >= 0 && weight <= 1)) {
    throw validationError(
      `Value '{${version}=${weight}}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0, Member must not be null]`,
    );
  }
  if (version === primary) {
    throw invalidParameter(
      `Invalid function version ${primary}. Function version ${primary} is already included in routing configuration.`,
    );
  }
  if (primary === LATEST)
    throw invalidParameter('$LATEST is not supported for an alias pointing to more than 1 version');
  if (!/^[0-9]+$/.test(version)) {
    throw validationError(
      `Value '{${version}=${weight}}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 1024, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [0-9]+]`,
    );
  }
  if (!fn.versions[version]) throw functionNotFound(qualifiedArn(where, fn.name, version));
  return { [version]: weight };
}
