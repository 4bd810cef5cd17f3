// Reads what a Lambda authorizer returned: a simple response `{ isAuthorized, context }` (2.0 with
// EnableSimpleResponses) or an IAM policy `{ principalId, policyDocument, context }` that must allow
// `execute-api:Invoke` on the route ARN (wildcards allowed; an explicit Deny wins).

import { iamLike } from '../../../engines/policyStatements.js';

export type AuthorizerDecision =
  | { kind: 'simple'; isAuthorized: boolean; context: Record<string, unknown> }
  | {
      kind: 'policy';
      statements: PolicyStatement[];
      principalId?: string;
      context: Record<string, unknown>;
    };

interface PolicyStatement {
  Effect?: unknown;
  Action?: unknown;
  Resource?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The decision, or undefined when the answer is malformed (API Gateway then answers 500). */
export function parseAuthorizerResult(payload: Buffer, simple: boolean): AuthorizerDecision | undefined {
  let result: unknown;
  try {
    result = JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isObject(result)) return undefined;
  if (result.context !== undefined && result.context !== null && !isObject(result.context)) return undefined;
  const context = (result.context as Record<string, unknown> | undefined) ?? {};
  if (simple) {
    if (typeof result.isAuthorized !== 'boolean') return undefined;
    return { kind: 'simple', isAuthorized: result.isAuthorized, context };
  }
  const doc = result.policyDocument;
  if (!isObject(doc)) return undefined;
  const raw = doc.Statement;
  const statements = Array.isArray(raw) ? raw : isObject(raw) ? [raw] : undefined;
  if (!statements?.every(isObject)) return undefined;
  const principalId = result.principalId === undefined ? undefined : String(result.principalId);
  return { kind: 'policy', statements, principalId, context };
}

const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)];

/** Whether the decision lets this request through to the route `routeArn`. */
export function isAllowed(decision: AuthorizerDecision, routeArn: string): boolean {
  if (decision.kind === 'simple') return decision.isAuthorized;
  let allowed = false;
  for (const statement of decision.statements) {
    const actionMatches = list(statement.Action).some((a) => iamLike(a, 'execute-api:Invoke', true));
    const resourceMatches = list(statement.Resource).some((r) => iamLike(r, routeArn));
    if (!actionMatches || !resourceMatches) continue;
    const effect = String(statement.Effect).toLowerCase();
    if (effect === 'deny') return false;
    if (effect === 'allow') allowed = true;
  }
  return allowed;
}
