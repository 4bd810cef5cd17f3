// Resource-based policies (an SQS queue's Policy attribute) asked whether an AWS service may act:
// Principal `*` or `{Service}`, Action and Resource with wildcards, and the SourceArn/SourceAccount
// conditions services send. An explicit Deny wins; a condition we cannot evaluate does not hold.

import { iamLike } from './iamWildcard.js';

type Statement = Record<string, unknown>;

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

const asList = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

function statementsOf(document: string | undefined): Statement[] {
  if (!document) return [];
  try {
    const raw = (JSON.parse(document) as { Statement?: unknown }).Statement;
    if (Array.isArray(raw)) return raw.filter((s): s is Statement => typeof s === 'object' && s !== null);
    return typeof raw === 'object' && raw !== null ? [raw as Statement] : [];
  } catch {
    return [];
  }
}

function principalMatches(principal: unknown, service: string): boolean {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  const p = principal as Record<string, unknown>;
  return asList(p.Service).includes(service) || asList(p.AWS).includes('*');
}

function listMatches(s: Statement, positive: string, negative: string, value: string, ignoreCase: boolean) {
  if (positive in s) return asList(s[positive]).some((p) => iamLike(p, value, ignoreCase));
  if (negative in s) return !asList(s[negative]).some((p) => iamLike(p, value, ignoreCase));
  return false;
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
    if (!listMatches(s, 'Action', 'NotAction', request.action, true)) continue;
    if (!listMatches(s, 'Resource', 'NotResource', request.resource, false)) continue;
    if (!conditionsHold(s.Condition, request)) continue;
    if (s.Effect === 'Deny') return false;
    if (s.Effect === 'Allow') allowed = true;
  }
  return allowed;
}
