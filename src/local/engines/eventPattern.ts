// The one event-pattern engine of the local cloud (EventBridge rules, TestEventPattern, event source
// mapping filters): validate and compile a pattern once, then match events against it cheaply.

import {
  compileLeaf,
  isPlainObject,
  type LeafMatcher,
  patternError,
  type Scalar,
} from './patternOperators.js';

export interface CompiledPattern {
  /** The pattern text it was compiled from. */
  readonly source: string;
  /** True when `event` (a parsed JSON value, normally an object) satisfies the pattern. */
  matches(event: unknown): boolean;
}

interface PatternNode {
  readonly leaves: ReadonlyArray<readonly [key: string, leaf: LeafMatcher]>;
  readonly children: ReadonlyArray<readonly [key: string, child: PatternNode]>;
  /** Each entry is one `$or`: at least one of its alternatives must match the same object. */
  readonly ors: ReadonlyArray<readonly PatternNode[]>;
}

// Operator names may not be used as field names inside `$or`, so that a misplaced operator object
// is reported instead of silently matching nothing. The list (including the names reserved for
// future operators) and the message text are EventBridge's.
const RESERVED_IN_OR: ReadonlySet<string> = new Set([
  'exactly',
  'equals-ignore-case',
  'prefix',
  'suffix',
  'anything-but',
  'exists',
  'wildcard',
  'numeric',
  'cidr',
  '=',
  '<',
  '<=',
  '>',
  '>=',
  'regex',
  'not-wildcard',
  'not-equals-ignore-case',
  'date-after',
  'date-on-or-after',
  'date-before',
  'date-on-or-before',
  'in-date-range',
  'ip-address-in-range',
  'ip-address-not-in-range',
]);

function compileOr(value: unknown): PatternNode[] {
  if (!Array.isArray(value)) throw patternError('It must be an Array followed with $or.');
  const alternatives = value.map((element) => {
    if (!isPlainObject(element))
      throw patternError('Only JSON object is allowed in array of $or relationship.');
    return compileObject(element, true);
  });
  if (alternatives.length < 2) throw patternError('There must have at least 2 Objects in $or relationship.');
  return alternatives;
}

function compileObject(object: Record<string, unknown>, insideOr: boolean): PatternNode {
  const leaves: Array<readonly [string, LeafMatcher]> = [];
  const children: Array<readonly [string, PatternNode]> = [];
  const ors: PatternNode[][] = [];
  const keys = Object.keys(object);
  if (keys.length === 0) throw patternError('Empty objects are not allowed');
  for (const key of keys) {
    const value = object[key];
    if (key === '$or') {
      ors.push(compileOr(value));
      continue;
    }
    if (insideOr && RESERVED_IN_OR.has(key)) {
      throw patternError(`${key} is Ruler reserved fieldName which cannot be used inside $or.`);
    }
    if (Array.isArray(value)) leaves.push([key, compileLeaf(value)]);
    else if (isPlainObject(value)) children.push([key, compileObject(value, insideOr)]);
    else throw patternError(`"${key}" must be an object or an array`);
  }
  return { leaves, children, ors };
}

// ---- matching -------------------------------------------------------------------------------

const NO_VALUES = 0;
const NO_MATCH = 1;
const MATCH = 2;
type ArrayOutcome = typeof NO_VALUES | typeof NO_MATCH | typeof MATCH;

function testScalar(leaf: LeafMatcher, value: Scalar): boolean {
  if (leaf.existsTrue) return true;
  for (const test of leaf.tests) if (test(value)) return true;
  return false;
}

// Arrays in the event are flattened: the field matches when any scalar element matches. Objects
// inside the array are not leaf values, so they neither match nor count as "present".
function scanArray(leaf: LeafMatcher, values: readonly unknown[]): ArrayOutcome {
  let outcome: ArrayOutcome = NO_VALUES;
  for (const value of values) {
    if (Array.isArray(value)) {
      const inner = scanArray(leaf, value);
      if (inner === MATCH) return MATCH;
      if (inner === NO_MATCH) outcome = NO_MATCH;
    } else if (typeof value !== 'object' || value === null) {
      if (testScalar(leaf, value as Scalar)) return MATCH;
      outcome = NO_MATCH;
    }
  }
  return outcome;
}

function matchLeaf(leaf: LeafMatcher, value: unknown): boolean {
  if (value === undefined) return leaf.existsFalse;
  if (Array.isArray(value)) {
    const outcome = scanArray(leaf, value);
    return outcome === NO_VALUES ? leaf.existsFalse : outcome === MATCH;
  }
  // `exists` only looks at leaves: a field holding an object counts as absent (AWS documents this).
  if (typeof value === 'object' && value !== null) return leaf.existsFalse;
  return testScalar(leaf, value as Scalar);
}

function* objectsIn(values: readonly unknown[]): Generator<Record<string, unknown>> {
  for (const value of values) {
    if (Array.isArray(value)) yield* objectsIn(value);
    else if (isPlainObject(value)) yield value;
  }
}

// A nested pattern object against an array of objects must be satisfied by one element as a whole:
// {a: {x: [1], y: [2]}} does not match {a: [{x: 1}, {y: 2}]} (EventBridge's array consistency).
function matchChild(child: PatternNode, value: unknown): boolean {
  if (!Array.isArray(value)) return matchNode(child, isPlainObject(value) ? value : undefined);
  let sawObject = false;
  for (const element of objectsIn(value)) {
    sawObject = true;
    if (matchNode(child, element)) return true;
  }
  return sawObject ? false : matchNode(child, undefined);
}

// `undefined` stands for "no object here": every field below is absent, which `exists: false` accepts.
function matchNode(node: PatternNode, object: Record<string, unknown> | undefined): boolean {
  for (const [key, leaf] of node.leaves) {
    const value = object !== undefined && Object.hasOwn(object, key) ? object[key] : undefined;
    if (!matchLeaf(leaf, value)) return false;
  }
  for (const [key, child] of node.children) {
    const value = object !== undefined && Object.hasOwn(object, key) ? object[key] : undefined;
    if (!matchChild(child, value)) return false;
  }
  for (const alternatives of node.ors) {
    if (!alternatives.some((alternative) => matchNode(alternative, object))) return false;
  }
  return true;
}

/**
 * Validates and compiles an EventBridge event pattern. Throws `InvalidEventPatternException`
 * with EventBridge's reason text (without the parser's "at [Source: ...]" location suffix).
 */
export function compilePattern(patternJson: string): CompiledPattern {
  let parsed: unknown;
  try {
    parsed = JSON.parse(patternJson);
  } catch {
    throw patternError('Invalid JSON');
  }
  if (!isPlainObject(parsed)) throw patternError('Filter is not an object');
  const root = compileObject(parsed, false);
  return {
    source: patternJson,
    matches: (event) => matchNode(root, isPlainObject(event) ? event : undefined),
  };
}
