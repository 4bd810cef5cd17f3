// IAM's wildcards in policies (Action, Resource, ArnLike, StringLike): `*` matches any run of
// characters, `?` exactly one, everything else literally. Shared by every policy evaluator.

const cache = new Map<string, RegExp>();

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
