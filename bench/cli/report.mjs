// How the CLI bench prints: space-aligned tables (metric, figure, reference, ratio, aim, met) and
// its number formats, '—' wherever a figure is missing.

import { fixed, grouped } from '../lib/format.mjs';
import { median, percentile } from '../lib/stats.mjs';
import { printAlignedGrid } from '../lib/table.mjs';

export const fmtMs = (v) => (v === undefined ? '—' : `${fixed(v, 2, 0)} ms`);
export const fmtRate = (v) => `${grouped(v)} ev/s`;
export const fmtKb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
export const fmtRatio = (figure, reference) =>
  reference > 0 && Number.isFinite(figure / reference) ? `${(figure / reference).toFixed(2)}×` : '—';
export const met = (ok) => (ok ? 'met' : 'NOT MET');
export const spread = (samples) => `${fmtMs(median(samples))} (p99 ${fmtMs(percentile(samples, 99))})`;

/** Free-form columns, e.g. the CPU and server-side breakdowns. */
export const printGrid = printAlignedGrid;

export function printTable(title, rows, note) {
  const header = ['metric', 'figure', 'reference', 'ratio', 'aim', 'met'];
  const cells = rows.map((r) => [
    r.metric,
    r.figure,
    r.reference ?? '—',
    r.ratio ?? '—',
    r.aim ?? '—',
    r.met ?? '—',
  ]);
  printAlignedGrid(title, header, cells, note);
}
