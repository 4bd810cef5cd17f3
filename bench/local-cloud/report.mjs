// How the local cloud bench prints: one Markdown table per section (measure, ours, references with
// their ratios, target, met) and its number formats, 'n/a' wherever a figure is unknown.

import { fixed, grouped } from '../lib/format.mjs';
import { printMarkdownTable } from '../lib/table.mjs';

export const fmtMs = (value) => (Number.isFinite(value) ? `${fixed(value, 2, 1)} ms` : 'n/a');
export const fmtRate = (value) => (Number.isFinite(value) ? `${grouped(value)}/s` : 'n/a');
export const fmtMb = (kb) => (Number.isFinite(kb) ? `${(kb / 1024).toFixed(1)} MB` : 'n/a');

export function fmtRatio(ours, ref) {
  if (!Number.isFinite(ours) || !Number.isFinite(ref) || ref === 0) return 'n/a';
  return `${fixed(ours / ref, 2, 1)}×`;
}

/**
 * The floor and moto references of one figure, as printTable takes them: `table` holds the results
 * by label, `pick` takes the figure out of one; moto only where it ran.
 */
export const refsOf = (table, pick, fmt, ours) =>
  ['floor', 'moto']
    .filter((l) => table[l])
    .map((l) => [l, fmt(pick(table[l])), fmtRatio(pick(ours), pick(table[l]))]);

/**
 * One table per section. A row: name, our figure, references as [label, formatted, ratio], the
 * target and whether it is met (undefined when the row has no target).
 */
export function printTable(title, rows, notes = []) {
  const header = ['measure', 'faas local', 'reference(s)', 'ours ÷ reference', 'target', 'result'];
  const cells = rows.map((r) => [
    r.name,
    r.ours,
    r.refs?.length ? r.refs.map(([label, value]) => `${label} ${value}`).join(', ') : '—',
    r.refs?.length ? r.refs.map(([label, , ratio]) => `${ratio} ${label}`).join(', ') : '—',
    r.target ?? '—',
    r.met === undefined ? '—' : r.met ? 'met' : 'NOT MET',
  ]);
  printMarkdownTable(title, header, cells, notes);
}
