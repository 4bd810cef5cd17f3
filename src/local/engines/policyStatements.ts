// IAM policy documents, read the same way by every evaluator (identity, trust and resource
// policies): the statement list, string-or-list members, and IAM's `*`/`?` wildcards.

export type Statement = Record<string, unknown>;

const cache = new Map<string, RegExp>();

/** IAM's wildcards (Action, Resource, ArnLike, StringLike): `*` any run, `?` one character. */
export function iamLike(pattern: string, value: string, ignoreCase = false): boolean {
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let re = cache.get(key);
  if (!re) {
    const body = pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
    if (cache.size > 1000) cache.clear();
    cache.set(key, re);
  }
  return re.test(value);
}

/** A member that may be one string or a list of them (`"Action": "s3:*"` or `["s3:*"]`). */
export const asList = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** The statements of a policy document; none when it is absent or not JSON. */
export function statementsOf(document: string | undefined): Statement[] {
  if (!document) return [];
  try {
    const raw = (JSON.parse(document) as { Statement?: unknown }).Statement;
    if (Array.isArray(raw)) return raw.filter((s): s is Statement => typeof s === 'object' && s !== null);
    return typeof raw === 'object' && raw !== null ? [raw as Statement] : [];
  } catch {
    return [];
  }
}

/**
 * Whether a statement's `positive` member (Action, Resource) matches `value`, or its `negative`
 * one (NotAction, NotResource) excludes it; a statement with neither matches nothing.
 */
export function statementMatches(
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
