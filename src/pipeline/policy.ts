// Policy documents: builders for the statements faas writes, and a canonical form to compare a
// desired document with what IAM/S3 return (IAM URL-encodes documents, reorders nothing but may
// turn a one-element array into a string, and S3 may do the reverse).
import type { PolicyDocument, PolicyStatement } from './types.js';

export const document = (...statements: PolicyStatement[]): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: statements,
});

export const allow = (
  action: string | string[],
  resource: string | string[],
  sid?: string,
): PolicyStatement => ({
  ...(sid ? { Sid: sid } : {}),
  Effect: 'Allow',
  Action: action,
  Resource: resource,
});

export const trustService = (service: string): PolicyDocument =>
  document({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' });

/** Parses a document as IAM returns it (URL-encoded JSON) or as S3 returns it (plain JSON). */
export function parsePolicy(text: string): unknown {
  const trimmed = text.trim();
  return JSON.parse(
    trimmed.startsWith('%7B') || trimmed.startsWith('%7b') ? decodeURIComponent(trimmed) : trimmed,
  );
}

/** A stable string for comparing two policy documents by meaning. */
export function canonicalPolicy(doc: unknown): string {
  if (typeof doc !== 'object' || doc === null) return JSON.stringify(doc);
  const d = doc as { Version?: unknown; Statement?: unknown };
  const statements = (Array.isArray(d.Statement) ? d.Statement : [d.Statement]).map(canonicalStatement);
  return stableStringify({ Version: d.Version, Statement: statements });
}

export const samePolicy = (a: unknown, b: unknown): boolean => canonicalPolicy(a) === canonicalPolicy(b);

function canonicalStatement(statement: unknown): unknown {
  if (typeof statement !== 'object' || statement === null) return statement;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(statement)) {
    if (['Action', 'NotAction', 'Resource', 'NotResource'].includes(key)) out[key] = sortedList(value);
    else if (key === 'Principal' && typeof value === 'object' && value !== null) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sortedList(v)]));
    } else if (key === 'Condition' && typeof value === 'object' && value !== null) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([op, entries]) => [
          op,
          Object.fromEntries(Object.entries(entries as object).map(([k, v]) => [k, sortedList(v)])),
        ]),
      );
    } else out[key] = value;
  }
  return out;
}

const sortedList = (value: unknown): unknown =>
  Array.isArray(value) ? [...value].map(String).sort() : typeof value === 'string' ? [value] : value;

/** JSON with object keys sorted at every level. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
