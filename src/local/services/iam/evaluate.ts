// A small IAM policy evaluator for services acting as a role (API Gateway's AWS integrations):
// explicit Deny wins, else an Allow must match action and resource (`*`/`?`; Conditions ignored).

import { iamLike } from '../../engines/iamWildcard.js';

type Statement = Record<string, unknown>;

const asList = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

function statementsOf(document: string): Statement[] {
  try {
    const doc = JSON.parse(document) as { Statement?: unknown };
    const raw = doc.Statement;
    if (Array.isArray(raw)) return raw.filter((s): s is Statement => typeof s === 'object' && s !== null);
    return typeof raw === 'object' && raw !== null ? [raw as Statement] : [];
  } catch {
    return [];
  }
}

function matches(
  s: Statement,
  positive: string,
  negative: string,
  value: string,
  ignoreCase: boolean,
): boolean {
  if (positive in s) return asList(s[positive]).some((p) => iamLike(p, value, ignoreCase));
  if (negative in s) return !asList(s[negative]).some((p) => iamLike(p, value, ignoreCase));
  return false;
}

/** Whether identity policies `documents` allow `action` on `resource`. */
export function policiesAllow(documents: string[], action: string, resource: string): boolean {
  let allowed = false;
  for (const document of documents) {
    for (const s of statementsOf(document)) {
      if (!matches(s, 'Action', 'NotAction', action, true)) continue;
      if (!matches(s, 'Resource', 'NotResource', resource, false)) continue;
      if (s.Effect === 'Deny') return false;
      if (s.Effect === 'Allow') allowed = true;
    }
  }
  return allowed;
}

/** Whether a trust policy lets `service` (e.g. `apigateway.amazonaws.com`) call sts:AssumeRole. */
export function trustAllows(document: string, service: string): boolean {
  let allowed = false;
  for (const s of statementsOf(document)) {
    if (!matches(s, 'Action', 'NotAction', 'sts:AssumeRole', true)) continue;
    const principal = s.Principal;
    const names =
      principal === '*'
        ? ['*']
        : typeof principal === 'object' && principal !== null
          ? [
              ...asList((principal as Record<string, unknown>).Service),
              ...asList((principal as Record<string, unknown>).AWS).filter((a) => a === '*'),
            ]
          : [];
    if (!names.some((n) => n === '*' || n === service)) continue;
    if (s.Effect === 'Deny') return false;
    if (s.Effect === 'Allow') allowed = true;
  }
  return allowed;
}
