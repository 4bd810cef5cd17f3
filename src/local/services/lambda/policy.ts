// Resource-based policies: AddPermission's statement (principal forms and conditions exactly as AWS
// writes them), GetPolicy's document, and the check in-process callers must pass to invoke.

import { iamLike } from '../../engines/policyStatements.js';
import { AwsServiceError } from '../../errors.js';
import { validationError } from './arns.js';
import { invalidParameter } from './errors.js';
import type { PolicyStatement } from './model.js';

export interface PermissionInput {
  StatementId?: string;
  Action?: string;
  Principal?: string;
  SourceArn?: string;
  SourceAccount?: string;
  EventSourceToken?: string;
  PrincipalOrgID?: string;
  FunctionUrlAuthType?: string;
}

export function buildStatement(input: PermissionInput, resource: string): PolicyStatement {
  const sid = input.StatementId ?? '';
  if (!/^[a-zA-Z0-9_-]{1,100}$/.test(sid)) {
    throw validationError(
      `Value '${sid}' at 'statementId' failed to satisfy constraint: Member must satisfy regular expression pattern: ([a-zA-Z0-9-_]+)`,
    );
  }
  const action = input.Action ?? '';
  if (!/^(lambda:[*]|lambda:[a-zA-Z]+|[*])$/.test(action)) {
    throw validationError(
      `Value '${action}' at 'action' failed to satisfy constraint: Member must satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])`,
    );
  }
  const statement: PolicyStatement = {
    Sid: sid,
    Effect: 'Allow',
    Principal: principalOf(input.Principal ?? ''),
    Action: action,
    Resource: resource,
  };
  const condition: Record<string, Record<string, string>> = {};
  const add = (op: string, key: string, value: string | undefined) => {
    if (value !== undefined) condition[op] = { ...condition[op], [key]: value };
  };
  add('StringEquals', 'lambda:FunctionUrlAuthType', input.FunctionUrlAuthType);
  add('StringEquals', 'aws:PrincipalOrgID', input.PrincipalOrgID);
  add('StringEquals', 'AWS:SourceAccount', input.SourceAccount);
  add('StringEquals', 'lambda:EventSourceToken', input.EventSourceToken);
  add('ArnLike', 'AWS:SourceArn', input.SourceArn);
  if (Object.keys(condition).length > 0) statement.Condition = condition;
  return statement;
}

function principalOf(principal: string): PolicyStatement['Principal'] {
  if (principal === '*') return '*';
  if (/^\d{12}$/.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
  if (/^arn:aws[a-zA-Z-]*:iam::/.test(principal)) return { AWS: principal };
  if (/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(principal)) return { Service: principal };
  throw invalidParameter('The provided principal was invalid. Please check the principal and try again.');
}

export const policyDocument = (statements: PolicyStatement[]): string =>
  JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: statements });

/** IAM's ArnLike: `*` matches any run of characters, `?` exactly one. */
export const arnLike = (pattern: string, value: string): boolean => iamLike(pattern, value);

const allowsInvoke = (action: string): boolean =>
  action === 'lambda:InvokeFunction' || action === 'lambda:*' || action === '*';

const principalMatches = (p: PolicyStatement['Principal'], principal: string): boolean =>
  p === '*' || (typeof p === 'object' && 'Service' in p && p.Service === principal);

/** The account a source ARN belongs to; S3 bucket ARNs carry none, so the caller's own account. */
const accountOf = (sourceArn: string | undefined, fallback: string): string =>
  sourceArn?.split(':')[4] || fallback;

function conditionsHold(
  condition: PolicyStatement['Condition'],
  sourceArn: string | undefined,
  callerAccount: string,
): boolean {
  for (const [op, entries] of Object.entries(condition ?? {})) {
    for (const [key, expected] of Object.entries(entries)) {
      const k = key.toLowerCase();
      if (op === 'ArnLike' && k === 'aws:sourcearn') {
        if (sourceArn === undefined || !arnLike(expected, sourceArn)) return false;
      } else if (op === 'StringEquals' && k === 'aws:sourceaccount') {
        if (accountOf(sourceArn, callerAccount) !== expected) return false;
      } else {
        // Conditions a service principal cannot satisfy (event source tokens, org ids, URL auth).
        return false;
      }
    }
  }
  return true;
}

/**
 * Throws AccessDeniedException unless some statement lets `principal` invoke, with its SourceArn
 * and SourceAccount conditions satisfied by the caller's source ARN.
 */
export function checkInvoke(
  statements: PolicyStatement[] | undefined,
  principal: string,
  sourceArn: string | undefined,
  callerAccount: string,
  resourceArn: string,
): void {
  const allowed = (statements ?? []).some(
    (s) =>
      s.Effect === 'Allow' &&
      allowsInvoke(s.Action) &&
      principalMatches(s.Principal, principal) &&
      conditionsHold(s.Condition, sourceArn, callerAccount),
  );
  if (!allowed) {
    throw new AwsServiceError(
      'AccessDeniedException',
      `User: ${principal} is not authorized to perform: lambda:InvokeFunction on resource: ${resourceArn} because no resource-based policy allows the lambda:InvokeFunction action`,
      403,
    );
  }
}
