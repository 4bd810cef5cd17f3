// Function names and ARNs the way Lambda accepts them: a name, `name:qualifier`, a partial ARN
// (`123456789012:function:name`) or a full ARN, qualified or not; and the ARNs it hands back.

import { AwsServiceError } from '../../errors.js';
import { LATEST } from './model.js';

export interface Where {
  region: string;
  accountId: string;
}

export const functionArn = (where: Where, name: string): string =>
  `arn:aws:lambda:${where.region}:${where.accountId}:function:${name}`;

export const qualifiedArn = (where: Where, name: string, qualifier: string): string =>
  `${functionArn(where, name)}:${qualifier}`;

/** Unqualified when there is no qualifier, as AWS words its "not found" messages. */
export const arnFor = (where: Where, name: string, qualifier?: string): string =>
  qualifier === undefined ? functionArn(where, name) : qualifiedArn(where, name, qualifier);

const NAME_REF =
  /^(?:arn:aws[a-zA-Z-]*:lambda:(?<region>[a-z]{2}(?:-gov)?-[a-z]+-\d):(?<account>\d{12}):function:|(?<partialAccount>\d{12}):function:)?(?<name>[a-zA-Z0-9_.-]+)(?::(?<qualifier>\$LATEST|[a-zA-Z0-9_-]+))?$/;

const NAME_PATTERN =
  '(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?';

export interface FunctionRef {
  name: string;
  /** From the ARN or the Qualifier parameter (they must agree). */
  qualifier?: string;
}

export const validationError = (message: string): AwsServiceError =>
  new AwsServiceError('ValidationException', `1 validation error detected: ${message}`, 400);

/**
 * Parses FunctionName (+ Qualifier). A region other than the caller's is unreachable, as on AWS;
 * another account's function simply does not exist here.
 */
export function parseFunctionRef(where: Where, raw: string | undefined, qualifier?: string): FunctionRef {
  const text = raw ?? '';
  const m = NAME_REF.exec(text);
  if (!m?.groups || (m.groups.name.length > 64 && !m.groups.region && !m.groups.partialAccount)) {
    throw validationError(
      `Value '${text}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${NAME_PATTERN}`,
    );
  }
  const g = m.groups;
  if (g.region && g.region !== where.region) {
    throw new AwsServiceError(
      'ResourceNotFoundException',
      `Functions from '${g.region}' are not reachable in this region ('${where.region}')`,
      404,
    );
  }
  const account = g.account ?? g.partialAccount;
  if (account && account !== where.accountId) {
    throw new AwsServiceError(
      'ResourceNotFoundException',
      `Function not found: ${arnFor({ region: where.region, accountId: account }, g.name, g.qualifier)}`,
      404,
    );
  }
  if (qualifier !== undefined) validateQualifier(qualifier);
  if (qualifier !== undefined && g.qualifier !== undefined && qualifier !== g.qualifier) {
    throw new AwsServiceError(
      'InvalidParameterValueException',
      'The derived qualifier from the function name does not match the specified qualifier.',
      400,
    );
  }
  return { name: g.name, qualifier: qualifier ?? g.qualifier };
}

export function validateQualifier(qualifier: string): void {
  if (qualifier.length > 128 || !/^(\$LATEST|[a-zA-Z0-9_-]+)$/.test(qualifier)) {
    throw validationError(
      `Value '${qualifier}' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)`,
    );
  }
}

export const isVersionNumber = (q: string): boolean => /^[0-9]+$/.test(q);
export const isAliasName = (q: string): boolean => q !== LATEST && !isVersionNumber(q);

/** `arn:aws:lambda:r:a:function:name` (unqualified) → name; anything else → undefined. */
export function parseUnqualifiedArn(
  arn: string,
): { where: Where; name: string; qualifier?: string } | undefined {
  const m = NAME_REF.exec(arn);
  if (!m?.groups?.region || !m.groups.account) return undefined;
  return {
    where: { region: m.groups.region, accountId: m.groups.account },
    name: m.groups.name,
    qualifier: m.groups.qualifier,
  };
}
