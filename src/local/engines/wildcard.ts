// The event-pattern `wildcard` operator: `*` matches any run of characters (including none), `\*` is a
// literal asterisk and `\\` a literal backslash. Matching is a linear segment scan, not a RegExp.

/** A wildcard split at its `*`s: the value must start with the first literal and end with the last. */
export interface Wildcard {
  readonly segments: readonly string[];
}

const utf8Length = (char: string): number => {
  const code = char.codePointAt(0)!;
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
};

/**
 * Parses a wildcard, rejecting `**` and any escape other than `\*` and `\\` as AWS does; returns the
 * AWS reason text on failure so the caller can wrap it in its own error type.
 */
export function compileWildcard(text: string): Wildcard | string {
  const segments: string[] = [];
  let current = '';
  // AWS reports positions as UTF-8 byte offsets in the quoted value, hence the leading 1.
  let pos = 1;
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (char === '*') {
      if (chars[i + 1] === '*') return `Consecutive wildcard characters at pos ${pos}`;
      segments.push(current);
      current = '';
    } else if (char === '\\') {
      const next = chars[i + 1];
      if (next !== '*' && next !== '\\') return `Invalid escape character at pos ${pos}`;
      current += next;
      i++;
      pos++;
    } else {
      current += char;
    }
    pos += utf8Length(char);
  }
  segments.push(current);
  return { segments };
}

export function wildcardMatches(wildcard: Wildcard, value: string): boolean {
  const { segments } = wildcard;
  const first = segments[0]!;
  if (segments.length === 1) return value === first;
  const last = segments[segments.length - 1]!;
  if (value.length < first.length + last.length || !value.startsWith(first) || !value.endsWith(last)) {
    return false;
  }
  // Greedy leftmost placement of the middle literals is optimal: each `*` absorbs whatever is between.
  let from = first.length;
  const end = value.length - last.length;
  for (let i = 1; i < segments.length - 1; i++) {
    const segment = segments[i]!;
    const at = value.indexOf(segment, from);
    if (at === -1 || at + segment.length > end) return false;
    from = at + segment.length;
  }
  return true;
}
