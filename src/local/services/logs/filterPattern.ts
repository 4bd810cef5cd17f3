// CloudWatch Logs filter patterns, compiled once per request into a message predicate: plain terms
// (every term must appear, case-sensitively), "quoted phrases", `?term` alternatives, `-term`
// exclusions, `%regex%`, JSON patterns `{ $.level = "ERROR" }` and space-delimited `[a, b=1, …]`.

import { compileJsonPattern } from './jsonFilter.js';
import { invalidPattern, type Matcher } from './patternSupport.js';
import { compileSpacePattern } from './spaceFilter.js';

export type { Matcher } from './patternSupport.js';

export const matchAll: Matcher = () => true;

export function compileFilterPattern(pattern: string | undefined): Matcher {
  const text = (pattern ?? '').trim();
  if (text === '' || text === '""') return matchAll;
  if (text.startsWith('{')) return compileJsonPattern(text);
  if (text.startsWith('[')) return compileSpacePattern(text);
  if (text.length > 1 && text.startsWith('%') && text.endsWith('%')) {
    try {
      const re = new RegExp(text.slice(1, -1));
      return (message) => re.test(message);
    } catch {
      throw invalidPattern(pattern!);
    }
  }
  return compileTerms(text, pattern!);
}

interface Term {
  kind: 'all' | 'any' | 'none';
  text: string;
}

function compileTerms(text: string, original: string): Matcher {
  const terms = tokenizeTerms(text, original);
  const all = terms.filter((t) => t.kind === 'all').map((t) => t.text);
  const any = terms.filter((t) => t.kind === 'any').map((t) => t.text);
  const none = terms.filter((t) => t.kind === 'none').map((t) => t.text);
  return (message) =>
    all.every((t) => message.includes(t)) &&
    (any.length === 0 || any.some((t) => message.includes(t))) &&
    !none.some((t) => message.includes(t));
}

/** Splits on whitespace outside double quotes; `?` and `-` prefixes mark OR and NOT terms. */
function tokenizeTerms(text: string, original: string): Term[] {
  const terms: Term[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    let kind: Term['kind'] = 'all';
    if (text[i] === '?' || text[i] === '-') {
      kind = text[i] === '?' ? 'any' : 'none';
      i++;
    }
    let term = '';
    if (text[i] === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        term += text[i++];
      }
      if (text[i] !== '"') throw invalidPattern(original);
      i++;
    } else {
      while (i < text.length && !/\s/.test(text[i]!)) term += text[i++];
    }
    if (term === '') throw invalidPattern(original);
    terms.push({ kind, text: term });
  }
  return terms;
}
