// Resource-based policies (an SQS queue's Policy attribute) asked whether an AWS service may act:
// Principal `*` or `{Service}`, Action and Resource with wildcards, and the SourceArn/SourceAccount
// conditions services send. An explicit Deny wins; a condition we cannot evaluate does not hold.

import { asList, iamLike, statementMatches, statementsOf } from './policyStatements.js';

export interface ServiceRequest {
  /** The calling service, e.g. `s3.amazonaws.com`. */
  service: string;
  /** e.g. `sqs:SendMessage` (matched case-insensitively, as IAM does for actions). */
  action: string;
  resource: string;
  /** What the service acts for: the bucket ARN, the rule ARN… */
  sourceArn: string;
  sourceAccount: string;
}

function principalMatches(principal: unknown, service: string): boolean {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  const p = principal as Record<string, unknown>;
  return asList(p.Service).includes(service) || asList(p.AWS).includes('*');
}

/** Operators on aws:SourceArn / aws:SourceAccount; anything else cannot be satisfied here. */
function conditionsHold(condition: unknown, request: ServiceRequest): boolean {
  if (condition === undefined) return true;
  if (typeof condition !== 'object' || condition === null) return false;
  for (const [op, entries] of Object.entries(condition as Record<string, unknown>)) {
    if (typeof entries !== 'object' || entries === null) return false;
    for (const [key, expected] of Object.entries(entries as Record<string, unknown>)) {
      const k = key.toLowerCase();
      const value =
        k === 'aws:sourcearn'
          ? request.sourceArn
          : k === 'aws:sourceaccount'
            ? request.sourceAccount
            : undefined;
      if (value === undefined) return false;
      const wanted = asList(expected);
      const exact = op === 'ArnEquals' || op === 'StringEquals';
      const like = op === 'ArnLike' || op === 'StringLike';
      if (!exact && !like) return false;
      if (!wanted.some((w) => (exact ? w === value : iamLike(w, value)))) return false;
    }
  }
  return true;
}

/** Whether `document` (a resource policy, possibly absent) lets the service make this request. */
export function resourcePolicyAllows(document: string | undefined, request: ServiceRequest): boolean {
  let allowed = false;
  for (const s of statementsOf(document)) {
    if (!principalMatches(s.Principal, request.service)) continue;
    if (!statementMatches(s, 'Action', 'NotAction', request.action, true)) continue;
    if (!statementMatches(s, 'Resource', 'NotResource', request.resource, false)) continue;
    if (!conditionsHold(s.Condition, request)) continue;
    if (s.Effect === 'Deny') return false;
    if (s.Effect === 'Allow') allowed = true;
  }
  return allowed;
}
