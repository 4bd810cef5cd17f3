// Table printing for the benches: every column as wide as its longest cell, the notes under it.
// bench/local-cloud.mjs prints Markdown tables, bench/cli.mjs space-aligned ones.

/** Each column's width: the longest of its header and its cells. */
const columnWidths = (header, cells) =>
  header.map((h, i) => Math.max(h.length, ...cells.map((c) => String(c[i]).length)));

/** A Markdown table under a `###` title, then each note as a `  · ` line. */
export function printMarkdownTable(title, header, cells, notes = []) {
  const widths = columnWidths(header, cells);
  const line = (c) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n### ${title}\n`);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells) console.log(line(c));
  for (const note of notes) console.log(`  · ${note}`);
}

/** Columns parted by two spaces (the first left-aligned, the rest right) under a `##` title. */
export function printAlignedGrid(title, header, cells, note) {
  const widths = columnWidths(header, cells);
  const line = (values) =>
    values.map((v, i) => (i === 0 ? String(v).padEnd(widths[i]) : String(v).padStart(widths[i]))).join('  ');
  const out = [`\n## ${title}`, line(header), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const c of cells) out.push(line(c));
  if (note) out.push(...note.split('\n').map((l) => `  ${l}`));
  process.stdout.write(`${out.join('\n')}\n`);
}
