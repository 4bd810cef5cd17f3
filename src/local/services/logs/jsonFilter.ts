// JSON filter patterns: `{ $.level = "ERROR" && ($.latency > 500 || $.user.id NOT EXISTS) }`.
// Selectors are `$.a.b[0]`; strings compare with `=`/`!=` and `*` wildcards, numbers with any
// comparison; `IS NULL`, `IS TRUE`, `IS FALSE`, `EXISTS`, `NOT EXISTS`. Non-JSON messages never match.

import { invalidPattern, type Matcher, wildcardRegExp } from './patternSupport.js';

type Predicate = (doc: unknown) => boolean;

const TOKEN = /\s*(\|\||&&|!=|<=|>=|=|<|>|\(|\)|"(?:[^"\\]|\\.)*"|\$[^\s=!<>()&|]*|[^\s=!<>()&|"]+)/y;

export function compileJsonPattern(pattern: string): Matcher {
  const text = pattern.trim();
  if (!text.endsWith('}')) throw invalidPattern(pattern);
  const tokens = tokenize(text.slice(1, -1), pattern);
  let pos = 0;
  const peek = (): string | undefined => tokens[pos];
  const next = (): string => {
    const t = tokens[pos++];
    if (t === undefined) throw invalidPattern(pattern);
    return t;
  };

  const parseOr = (): Predicate => {
    let left = parseAnd();
    while (peek() === '||') {
      pos++;
      const l = left;
      const r = parseAnd();
      left = (doc) => l(doc) || r(doc);
    }
    return left;
  };
  const parseAnd = (): Predicate => {
    let left = parseUnary();
    while (peek() === '&&') {
      pos++;
      const l = left;
      const r = parseUnary();
      left = (doc) => l(doc) && r(doc);
    }
    return left;
  };
  const parseUnary = (): Predicate => {
    if (peek() === '(') {
      pos++;
      const inner = parseOr();
      if (next() !== ')') throw invalidPattern(pattern);
      return inner;
    }
    return parseCondition();
  };
  const parseCondition = (): Predicate => {
    const selector = compileSelector(next(), pattern);
    const op = next();
    if (op.toUpperCase() === 'IS') {
      const what = next().toUpperCase();
      if (what === 'NULL') return (doc) => selector(doc).some((v) => v === null);
      if (what === 'TRUE') return (doc) => selector(doc).some((v) => v === true);
      if (what === 'FALSE') return (doc) => selector(doc).some((v) => v === false);
      throw invalidPattern(pattern);
    }
    if (op.toUpperCase() === 'NOT') {
      if (next().toUpperCase() !== 'EXISTS') throw invalidPattern(pattern);
      return (doc) => selector(doc).length === 0;
    }
    if (op.toUpperCase() === 'EXISTS') return (doc) => selector(doc).length > 0;
    if (!['=', '!=', '<', '>', '<=', '>='].includes(op)) throw invalidPattern(pattern);
    const test = compileComparison(op, next(), pattern);
    return (doc) => selector(doc).some(test);
  };

  const predicate = parseOr();
  if (pos !== tokens.length) throw invalidPattern(pattern);
  return (message) => {
    const start = message.trimStart()[0];
    if (start !== '{' && start !== '[') return false;
    let doc: unknown;
    try {
      doc = JSON.parse(message);
    } catch {
      return false;
    }
    return predicate(doc);
  };
}

function tokenize(body: string, pattern: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < body.length) {
    if (/^\s*$/.test(body.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(body);
    if (!m) throw invalidPattern(pattern);
    tokens.push(m[1]!);
  }
  return tokens;
}

/** `$.a.b[0]` → the values it selects (none when a step is missing). */
function compileSelector(text: string, pattern: string): (doc: unknown) => unknown[] {
  if (!text.startsWith('$')) throw invalidPattern(pattern);
  const steps: (string | number)[] = [];
  const re = /\.([^.[\]]+)|\[(\d+)\]/y;
  re.lastIndex = 1;
  while (re.lastIndex < text.length) {
    const m = re.exec(text);
    if (!m) throw invalidPattern(pattern);
    steps.push(m[1] !== undefined ? m[1] : Number(m[2]));
  }
  return (doc) => {
    let current: unknown = doc;
    for (const step of steps) {
      if (typeof step === 'number') {
        if (!Array.isArray(current) || step >= current.length) return [];
        current = current[step];
      } else {
        if (typeof current !== 'object' || current === null || Array.isArray(current) || !(step in current))
          return [];
        current = (current as Record<string, unknown>)[step];
      }
    }
    return [current];
  };
}

function compileComparison(op: string, raw: string, pattern: string): (v: unknown) => boolean {
  const quoted = raw.startsWith('"');
  const literal = quoted ? (JSON.parse(raw) as string) : raw;
  const numeric =
    !quoted && literal.trim() !== '' && !Number.isNaN(Number(literal)) ? Number(literal) : undefined;
  if (op === '=' || op === '!=') {
    const wildcard = wildcardRegExp(literal);
    const equals = (v: unknown): boolean => {
      if (typeof v === 'number' && numeric !== undefined) return v === numeric;
      if (typeof v === 'string') return wildcard.test(v);
      if (typeof v === 'boolean' && !quoted) return String(v) === literal;
      return false;
    };
    // `!=` needs the field to be present: a missing field matches neither `=` nor `!=`.
    return op === '=' ? equals : (v) => v !== undefined && !equals(v);
  }
  if (numeric === undefined) throw invalidPattern(pattern);
  const cmp: Record<string, (a: number) => boolean> = {
    '<': (a) => a < numeric,
    '>': (a) => a > numeric,
    '<=': (a) => a <= numeric,
    '>=': (a) => a >= numeric,
  };
  const f = cmp[op]!;
  return (v) => typeof v === 'number' && f(v);
}
