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
