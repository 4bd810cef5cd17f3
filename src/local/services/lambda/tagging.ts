// Which function a TagResource/UntagResource/ListTags ARN names: only unqualified function ARNs
// are taggable here (aliases and versions share their function's tags on AWS too).

import { functionArn, parseUnqualifiedArn, validationError, type Where } from './arns.js';
import type { LambdaCore } from './core.js';
import { functionNotFound, invalidParameter } from './errors.js';
import type { FunctionState } from './model.js';

const TAGGABLE =
  'arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?|layer:([a-zA-Z0-9-_]+)|code-signing-config:csc-[a-z0-9]{17}|event-source-mapping:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})';

export function taggedFunction(core: LambdaCore, where: Where, resource: string | undefined): FunctionState {
  const parsed = parseUnqualifiedArn(resource ?? '');
  if (!parsed) {
    throw validationError(
      `Value '${resource ?? 'null'}' at 'resource' failed to satisfy constraint: Member must satisfy regular expression pattern: ${TAGGABLE}`,
    );
  }
  if (parsed.qualifier !== undefined) {
    throw invalidParameter(
      'Tags on function aliases and versions are not supported. Please specify a function ARN.',
    );
  }
  // Another region's or account's function is not one this cloud has.
  if (parsed.where.region !== where.region || parsed.where.accountId !== where.accountId) {
    throw functionNotFound(functionArn(parsed.where, parsed.name));
  }
  return core.requireFunction(where, parsed.name);
}
