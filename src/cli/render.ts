// Plans and results as text lines for people.
import type { Output } from '../output.js';
import { type Action, countActions, type Plan, type PlanItem } from '../provision/types.js';

const SYMBOL: Record<Action, string> = { create: '+', update: '~', unchanged: '=', delete: '-' };

export function planLine(item: PlanItem): string {
  const label = `${SYMBOL[item.action]} ${item.action.padEnd(9)} ${item.resource}`;
  return item.action === 'unchanged' && item.reason === 'up to date'
    ? `  ${label}`
    : `  ${label}: ${item.reason}`;
}

export function renderPlan(plan: Plan, output: Output, options: { hideAbsent?: boolean } = {}): void {
  for (const item of plan.items) {
    // In a teardown, resources that are already gone are noise.
    if (options.hideAbsent && item.action === 'unchanged' && item.reason === 'does not exist') continue;
    output.out(planLine(item));
  }
  output.out(summary(plan));
}

export function summary(plan: Plan): string {
  const c = countActions(plan);
  if (plan.mode === 'down') {
    const kept = plan.items.filter((i) => i.action === 'unchanged' && i.reason !== 'does not exist').length;
    return `Plan: ${c.delete} to delete${kept > 0 ? `, ${kept} kept` : ''}.`;
  }
  return `Plan: ${c.create} to create, ${c.update} to update, ${c.unchanged} unchanged.`;
}

/** Rows as aligned columns (the last one is not padded), each line indented by two spaces. */
export function table(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  }
  return rows.map((row) =>
    `  ${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')}`.trimEnd(),
  );
}

/** `812 B`, `105.2 KB`, `3.4 MB` (powers of 1024, as `ls -h` and the Lambda console count). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
