// Compiles one leaf of an event pattern (the array of values/operators under a field) into a matcher
// over the event's scalar values at that field. Error reasons are EventBridge's own wording.

import { AwsServiceError } from '../errors.js';
import { cidrContains, compileCidr } from './ipAddress.js';
import { compileWildcard, type Wildcard, wildcardMatches } from './wildcard.js';

/** A JSON leaf value as it can appear in an event. */
export type Scalar = string | number | boolean | null;
export type ScalarTest = (value: Scalar) => boolean;

/**
 * The compiled form of `"field": [ ... ]`: the field matches when it is absent and `existsFalse`,
 * or when it has at least one value and `existsTrue` or any test accepts one of its values.
 */
export interface LeafMatcher {
  readonly existsTrue: boolean;
  readonly existsFalse: boolean;
  readonly tests: readonly ScalarTest[];
}

export function patternError(reason: string): AwsServiceError {
  return new AwsServiceError(
    'InvalidEventPatternException',
    `Event pattern is not valid. Reason: ${reason}`,
    400,
  );
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// How EventBridge's JSON parser prints the token it choked on, for messages that quote it.
function tokenText(value: unknown): string {
  if (value === undefined) return ']';
  if (Array.isArray(value)) return '[';
  if (isPlainObject(value)) return '{';
  return typeof value === 'string' ? value : String(value);
}

const lower = (text: string): string => text.toLowerCase();
const ONLY_ONE_KEY = 'Only one key allowed in match expression';
// AWS quirk: an extra key after `numeric` or `anything-but` is reported with the numeric wording.
const TOO_MANY = 'Too many elements in numeric expression';

function expectSingleKey(expr: Record<string, unknown>, reason = ONLY_ONE_KEY): void {
  if (Object.keys(expr).length > 1) throw patternError(reason);
}

function wildcardOrThrow(text: string): Wildcard {
  const wildcard = compileWildcard(text);
  if (typeof wildcard === 'string') throw patternError(wildcard);
  return wildcard;
}

function expectString(value: unknown, reason: string): string {
  if (typeof value !== 'string') throw patternError(reason);
  return value;
}

/** `{ "prefix": { "equals-ignore-case": "x" } }` and the same for `suffix`. */
function ignoreCaseOperand(inner: Record<string, unknown>, kind: 'Prefix' | 'Suffix'): string {
  const keys = Object.keys(inner);
  if (keys.length === 0) throw patternError(`${kind} expression name not found`);
  if (keys[0] !== 'equals-ignore-case') throw patternError(`Unsupported ${lower(kind)} pattern: ${keys[0]}`);
  const text = expectString(inner[keys[0]], 'equals-ignore-case match pattern must be a string');
  expectSingleKey(inner);
  return lower(text);
}

function compilePrefixOrSuffix(expr: Record<string, unknown>, op: 'prefix' | 'suffix'): ScalarTest {
  const operand = expr[op];
  const kind = op === 'prefix' ? 'Prefix' : 'Suffix';
  if (isPlainObject(operand)) {
    const text = ignoreCaseOperand(operand, kind);
    expectSingleKey(expr);
    return op === 'prefix'
      ? (v) => typeof v === 'string' && lower(v).startsWith(text)
      : (v) => typeof v === 'string' && lower(v).endsWith(text);
  }
  const text = expectString(operand, `${op} match pattern must be a string`);
  expectSingleKey(expr);
  return op === 'prefix'
    ? (v) => typeof v === 'string' && v.startsWith(text)
    : (v) => typeof v === 'string' && v.endsWith(text);
}

// `[">", 0, "<=", 5]`, `["<", 10]`, `["=", 3.018e2]`; a lower bound may be followed by an upper one.
function compileNumeric(expr: Record<string, unknown>): ScalarTest {
  const terms = expr['numeric'];
  if (!Array.isArray(terms)) throw patternError('Value of numeric must be an array.');
  const op = terms[0];
  if (typeof op !== 'string') throw patternError(`Invalid member in numeric match: ${tokenText(op)}`);
  const operand = terms[1];
  const operandOf = (name: string): number => {
    if (typeof operand !== 'number') throw patternError(`Value of ${name} must be numeric`);
    return operand;
  };
  let test: ScalarTest;
  if (op === '=' || op === '<' || op === '<=') {
    const n = operandOf(op === '=' ? 'equals' : op);
    if (terms.length > 2) throw patternError(TOO_MANY);
    if (op === '=') test = (v) => v === n;
    else if (op === '<') test = (v) => typeof v === 'number' && v < n;
    else test = (v) => typeof v === 'number' && v <= n;
  } else if (op === '>' || op === '>=') {
    const bottom = operandOf(op);
    const openBottom = op === '>';
    if (terms.length === 2) {
      test = openBottom
        ? (v) => typeof v === 'number' && v > bottom
        : (v) => typeof v === 'number' && v >= bottom;
    } else {
      const upperOp = terms[2];
      if (typeof upperOp !== 'string')
        throw patternError(`Bad value in numeric range: ${tokenText(upperOp)}`);
      if (upperOp !== '<' && upperOp !== '<=') throw patternError(`Bad numeric range operator: ${upperOp}`);
      const top = terms[3];
      if (typeof top !== 'number') throw patternError(`Value of ${upperOp} must be numeric`);
      if (terms.length > 4) throw patternError('Too many terms in numeric range expression');
      // Even [">=", 5, "<=", 5] is refused: the bounds must differ.
      if (!(bottom < top)) throw patternError('Bottom must be less than top');
      const openTop = upperOp === '<';
      test = (v) =>
        typeof v === 'number' && (openBottom ? v > bottom : v >= bottom) && (openTop ? v < top : v <= top);
    }
  } else {
    throw patternError(`Unrecognized numeric range operator: ${op}`);
  }
  expectSingleKey(expr, TOO_MANY);
  return test;
}

type AnythingButSetKind = 'equals-ignore-case' | 'prefix' | 'suffix' | 'wildcard';
const ANYTHING_BUT_SET_KINDS: ReadonlySet<string> = new Set([
  'equals-ignore-case',
  'prefix',
  'suffix',
  'wildcard',
]);

function anythingButSetValue(kind: AnythingButSetKind, value: unknown): string {
  if (typeof value === 'string') {
    if ((kind === 'prefix' || kind === 'suffix') && value === '') {
      throw patternError('Null prefix/suffix not allowed');
    }
    return value;
  }
  if (kind === 'equals-ignore-case') {
    throw patternError(
      'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.',
    );
  }
  throw patternError(
    kind === 'wildcard'
      ? 'wildcard match pattern must be a string'
      : 'prefix/suffix match pattern must be a string',
  );
}

// `{ "anything-but": { "prefix" | "suffix" | "equals-ignore-case" | "wildcard": value | [values] } }`
function compileAnythingButSet(inner: Record<string, unknown>): ScalarTest {
  const keys = Object.keys(inner);
  if (keys.length === 0) throw patternError('Anything-But expression name not found');
  const kind = keys[0]!;
  if (!ANYTHING_BUT_SET_KINDS.has(kind)) throw patternError(`Unsupported anything-but pattern: ${kind}`);
  const operand = inner[kind];
  if (!Array.isArray(operand) && typeof operand !== 'string' && typeof operand !== 'number') {
    throw patternError('Value of anything-but must be an array or single string/number value.');
  }
  const values = (Array.isArray(operand) ? operand : [operand]).map((v) =>
    anythingButSetValue(kind as AnythingButSetKind, v),
  );
  expectSingleKey(inner, TOO_MANY);
  // Every anything-but form only excludes strings: numbers, booleans and null always pass.
  switch (kind as AnythingButSetKind) {
    case 'equals-ignore-case': {
      const excluded = new Set(values.map(lower));
      return (v) => typeof v !== 'string' || !excluded.has(lower(v));
    }
    case 'prefix':
      return (v) => typeof v !== 'string' || !values.some((p) => v.startsWith(p));
    case 'suffix':
      return (v) => typeof v !== 'string' || !values.some((s) => v.endsWith(s));
    case 'wildcard': {
      const globs = values.map(wildcardOrThrow);
      return (v) => typeof v !== 'string' || !globs.some((g) => wildcardMatches(g, v));
    }
  }
}

function compileAnythingBut(expr: Record<string, unknown>): ScalarTest {
  const operand = expr['anything-but'];
  let test: ScalarTest;
  if (isPlainObject(operand)) {
    test = compileAnythingButSet(operand);
  } else if (Array.isArray(operand)) {
    if (operand.some((v) => typeof v !== 'string' && typeof v !== 'number')) {
      throw patternError('Inside anything but list, start|null|boolean is not supported.');
    }
    const numbers = operand.filter((v) => typeof v === 'number').length;
    if (operand.length === 0 || (numbers > 0 && numbers < operand.length)) {
      throw patternError(
        'Inside anything but list, either all values are number or string, mixed type is not supported',
      );
    }
    const excluded = new Set<Scalar>(operand as Scalar[]);
    // A set lookup is type-strict, so anything-but [100] still accepts the string "100".
    test = (v) => !excluded.has(v);
  } else if (typeof operand === 'string' || typeof operand === 'number') {
    test = (v) => v !== operand;
  } else {
    throw patternError('Value of anything-but must be an array or single string/number value.');
  }
  expectSingleKey(expr, TOO_MANY);
  return test;
}

function compileExpression(expr: Record<string, unknown>, leaf: MutableLeaf): void {
  const keys = Object.keys(expr);
  if (keys.length === 0) throw patternError('Match expression name not found');
  const op = keys[0]!;
  switch (op) {
    case 'prefix':
    case 'suffix':
      leaf.tests.push(compilePrefixOrSuffix(expr, op));
      return;
    case 'numeric':
      leaf.tests.push(compileNumeric(expr));
      return;
    case 'anything-but':
      leaf.tests.push(compileAnythingBut(expr));
      return;
    case 'exists': {
      const flag = expr[op];
      if (typeof flag !== 'boolean') throw patternError('exists match pattern must be either true or false.');
      expectSingleKey(expr);
      if (flag) leaf.existsTrue = true;
      else leaf.existsFalse = true;
      return;
    }
    case 'cidr': {
      // AWS quirk: a non-string cidr is reported with the prefix wording.
      const range = compileCidr(expectString(expr[op], 'prefix match pattern must be a string'));
      if (typeof range === 'string') throw patternError(range);
      expectSingleKey(expr);
      leaf.tests.push((v) => typeof v === 'string' && cidrContains(range, v));
      return;
    }
    case 'equals-ignore-case': {
      const text = lower(expectString(expr[op], 'equals-ignore-case match pattern must be a string'));
      expectSingleKey(expr);
      leaf.tests.push((v) => typeof v === 'string' && lower(v) === text);
      return;
    }
    case 'wildcard': {
      const glob = wildcardOrThrow(expectString(expr[op], 'wildcard match pattern must be a string'));
      expectSingleKey(expr);
      leaf.tests.push((v) => typeof v === 'string' && wildcardMatches(glob, v));
      return;
    }
    case 'exactly': {
      // Undocumented by EventBridge but accepted by its matcher: an explicit exact string.
      const text = expectString(expr[op], 'exact match pattern must be a string');
      expectSingleKey(expr);
      leaf.exact.add(text);
      return;
    }
    default:
      throw patternError(`Unrecognized match type ${op}`);
  }
}

interface MutableLeaf {
  existsTrue: boolean;
  existsFalse: boolean;
  tests: ScalarTest[];
  exact: Set<Scalar>;
}

/** Compiles the array under a pattern field. The caller has checked that `values` is an array. */
export function compileLeaf(values: readonly unknown[]): LeafMatcher {
  if (values.length === 0) throw patternError('Empty arrays are not allowed');
  const leaf: MutableLeaf = { existsTrue: false, existsFalse: false, tests: [], exact: new Set() };
  for (const value of values) {
    if (isPlainObject(value)) compileExpression(value, leaf);
    else if (Array.isArray(value))
      throw patternError('Match value must be String, number, true, false, or null');
    // Exact strings, numbers, booleans and null share one set: Set lookup keeps "5" and 5 apart,
    // which is EventBridge's rule (a quoted number in the pattern never matches a JSON number).
    else leaf.exact.add(value as Scalar);
  }
  const tests = leaf.tests;
  if (leaf.exact.size > 0) {
    const exact = leaf.exact;
    tests.unshift((v) => exact.has(v));
  }
  return { existsTrue: leaf.existsTrue, existsFalse: leaf.existsFalse, tests };
}
