// Space-delimited filter patterns for unstructured lines: `[ip, user, ..., status=4*, bytes>1000]`.
// A message splits into fields at spaces (a "quoted" or [bracketed] run is one field); each pattern
// field names one message field, optionally with a condition, and `...` stands for any number.

import { invalidPattern, type Matcher, wildcardRegExp } from './patternSupport.js';

type FieldTest = ((field: string) => boolean) | 'ellipsis';

export function compileSpacePattern(pattern: string): Matcher {
  const text = pattern.trim();
  if (!text.endsWith(']')) throw invalidPattern(pattern);
  const inner = text.slice(1, -1).trim();
  const tests: FieldTest[] =
    inner === '' ? [] : splitOutsideQuotes(inner, ',').map((f) => compileField(f.trim(), pattern));
  return (message) => matchFrom(tests, 0, splitMessage(message), 0);
}

function matchFrom(tests: FieldTest[], ti: number, fields: string[], fi: number): boolean {
  if (ti === tests.length) return fi === fields.length;
  const test = tests[ti]!;
  if (test === 'ellipsis') {
    for (let k = fi; k <= fields.length; k++) if (matchFrom(tests, ti + 1, fields, k)) return true;
    return false;
  }
  return fi < fields.length && test(fields[fi]!) && matchFrom(tests, ti + 1, fields, fi + 1);
}

function compileField(spec: string, pattern: string): FieldTest {
  if (spec === '...') return 'ellipsis';
  const alternatives = spec
    .split('||')
    .map((alt) => alt.split('&&').map((c) => compileCondition(c.trim(), pattern)));
  return (field) => alternatives.some((all) => all.every((test) => test(field)));
}

function compileCondition(spec: string, pattern: string): (field: string) => boolean {
  const m = /^([A-Za-z_][\w.]*)\s*(?:(!=|<=|>=|=|<|>)\s*(.+))?$/.exec(spec);
  if (!m) throw invalidPattern(pattern);
  const [, , op, rawValue] = m;
  if (op === undefined) return () => true;
  const value = rawValue!.startsWith('"') && rawValue!.endsWith('"') ? rawValue!.slice(1, -1) : rawValue!;
  const numeric = Number(value);
  if (op === '=' || op === '!=') {
    const re = wildcardRegExp(value);
    const equals = (f: string): boolean =>
      re.test(f) || (f !== '' && !Number.isNaN(numeric) && Number(f) === numeric);
    return op === '=' ? equals : (f) => !equals(f);
  }
  if (Number.isNaN(numeric)) throw invalidPattern(pattern);
  return (f) => {
    const n = Number(f);
    if (f === '' || Number.isNaN(n)) return false;
    return op === '<' ? n < numeric : op === '>' ? n > numeric : op === '<=' ? n <= numeric : n >= numeric;
  };
}

/** Splits a line into fields; quotes and square brackets group a field, and are stripped from it. */
function splitMessage(message: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i < message.length) {
    if (message[i] === ' ' || message[i] === '\t' || message[i] === '\n') {
      i++;
      continue;
    }
    const open = message[i];
    const close = open === '"' ? '"' : open === '[' ? ']' : undefined;
    if (close) {
      const end = message.indexOf(close, i + 1);
      if (end >= 0) {
        fields.push(message.slice(i + 1, end));
        i = end + 1;
        continue;
      }
    }
    let j = i;
    while (j < message.length && !/\s/.test(message[j]!)) j++;
    fields.push(message.slice(i, j));
    i = j;
  }
  return fields;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === separator && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}
