// The JSONPath subset EventBridge accepts in InputPath and InputPathsMap: `$`, dot members, bracket
// members (`['a b']`), array indices and `*`. Compiled once; selecting never throws.

import { AwsServiceError } from '../errors.js';

export type JsonPathSegment =
  | { readonly kind: 'member'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'wildcard' };

export interface CompiledJsonPath {
  readonly path: string;
  readonly segments: readonly JsonPathSegment[];
  /** False when the path contains `*`: it then selects an array of every match (as Jayway does). */
  readonly definite: boolean;
  /** The selected value, or undefined when the path leads nowhere in `document`. */
  select(document: unknown): unknown;
}

function invalid(path: string, reason: string): AwsServiceError {
  return new AwsServiceError('ValidationException', `Invalid JSON path '${path}': ${reason}`, 400);
}

// Dot members stop at the next `.` or `[`; whitespace, quotes and brackets are not allowed in them
// (use the bracket form for such keys).
const DOT_MEMBER = /^[^.[\]\s'"*]+/;
const INDEX = /^-?\d+$/;

function parseQuoted(path: string, start: number): [name: string, end: number] {
  const quote = path[start]!;
  let name = '';
  for (let i = start + 1; i < path.length; i++) {
    const char = path[i]!;
    if (char === '\\') {
      const next = path[i + 1];
      if (next === undefined) break;
      name += next;
      i++;
    } else if (char === quote) {
      return [name, i + 1];
    } else {
      name += char;
    }
  }
  throw invalid(path, 'unterminated quoted member name');
}

function parseBracket(path: string, start: number): [JsonPathSegment, number] {
  const open = start + 1;
  const first = path[open];
  if (first === "'" || first === '"') {
    const [name, end] = parseQuoted(path, open);
    if (path[end] !== ']') throw invalid(path, `expected ']' at position ${end}`);
    return [{ kind: 'member', name }, end + 1];
  }
  const close = path.indexOf(']', open);
  if (close === -1) throw invalid(path, `missing ']' after position ${start}`);
  const inner = path.slice(open, close).trim();
  if (inner === '*') return [{ kind: 'wildcard' }, close + 1];
  if (INDEX.test(inner)) return [{ kind: 'index', index: Number(inner) }, close + 1];
  // Filters, slices, unions and scripts are beyond what EventBridge evaluates.
  throw invalid(path, `unsupported expression '[${inner}]'`);
}

function parse(path: string): JsonPathSegment[] {
  if (path[0] !== '$') throw invalid(path, "a path must start with '$'");
  const segments: JsonPathSegment[] = [];
  let i = 1;
  while (i < path.length) {
    const char = path[i];
    if (char === '[') {
      const [segment, next] = parseBracket(path, i);
      segments.push(segment);
      i = next;
    } else if (char === '.') {
      const rest = path.slice(i + 1);
      if (rest.startsWith('.')) throw invalid(path, "deep scan '..' is not supported");
      if (rest.startsWith('*')) {
        segments.push({ kind: 'wildcard' });
        i += 2;
        continue;
      }
      if (rest.startsWith('[')) {
        i += 1;
        continue;
      }
      const member = DOT_MEMBER.exec(rest);
      if (member === null) throw invalid(path, `expected a member name at position ${i + 1}`);
      segments.push({ kind: 'member', name: member[0] });
      i += 1 + member[0].length;
    } else {
      throw invalid(path, `unexpected '${char}' at position ${i}`);
    }
  }
  return segments;
}

function step(value: unknown, segment: JsonPathSegment): unknown {
  if (segment.kind === 'index') {
    if (!Array.isArray(value)) return undefined;
    // Negative indices count from the end, as in Jayway JsonPath.
    const index = segment.index < 0 ? value.length + segment.index : segment.index;
    return value[index];
  }
  if (segment.kind === 'member') {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    return Object.hasOwn(value, segment.name) ? (value as Record<string, unknown>)[segment.name] : undefined;
  }
  return undefined;
}

function collect(value: unknown, segments: readonly JsonPathSegment[], from: number, out: unknown[]): void {
  let current = value;
  for (let i = from; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.kind === 'wildcard') {
      if (typeof current !== 'object' || current === null) return;
      const items = Array.isArray(current) ? current : Object.values(current);
      for (const item of items) collect(item, segments, i + 1, out);
      return;
    }
    current = step(current, segment);
    if (current === undefined) return;
  }
  out.push(current);
}

/** Parses `path`, throwing ValidationException for anything outside the supported subset. */
export function compileJsonPath(path: string): CompiledJsonPath {
  const segments = parse(path);
  const definite = segments.every((segment) => segment.kind !== 'wildcard');
  const select = definite
    ? (document: unknown): unknown => {
        let current = document;
        for (const segment of segments) {
          current = step(current, segment);
          if (current === undefined) return undefined;
        }
        return current;
      }
    : (document: unknown): unknown => {
        const out: unknown[] = [];
        collect(document, segments, 0, out);
        return out;
      };
  return { path, segments, definite, select };
}

// Paths come from a handful of targets, so a small cache spares recompiling on every event.
const cache = new Map<string, CompiledJsonPath>();
const CACHE_LIMIT = 1000;

/** Compiles (cached) and applies `path` to `document`; throws only for an invalid path. */
export function selectJsonPath(document: unknown, path: string): unknown {
  let compiled = cache.get(path);
  if (compiled === undefined) {
    compiled = compileJsonPath(path);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(path, compiled);
  }
  return compiled.select(document);
}
