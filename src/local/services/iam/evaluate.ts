// A small IAM policy evaluator for services acting as a role (API Gateway's AWS integrations):
// explicit Deny wins, else an Allow must match action and resource (`*`/`?`; Conditions ignored).

import { asList, statementMatches, statementsOf } from '../../engines/policyStatements.js';

/** Whether identity policies `documents` allow `action` on `resource`. */
export function policiesAllow(documents: string[], action: string, resource: string): boolean {
  let allowed = false;
  for (const document of documents) {
    for (const s of statementsOf(document)) {
      if (!statementMatches(s, 'Action', 'NotAction', action, true)) continue;
      if (!statementMatches(s, 'Resource', 'NotResource', resource, false)) continue;
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
    if (!statementMatches(s, 'Action', 'NotAction', 'sts:AssumeRole', true)) continue;
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
