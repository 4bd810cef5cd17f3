// The planner: for every desired resource, in dependency order, describe → diff. It only reads
// (the call counter refuses anything else while it runs) and returns the plan the applier runs.
import { displayRefs, type Outputs, resolveRefs } from '../pipeline/refs.js';
import type { DesiredResource, DesiredState } from '../pipeline/types.js';
import { runGraph } from './graph.js';
import { reconcilerFor } from './reconcilers/index.js';
import type { Plan, PlanItem, ProvisionContext, TeardownOptions } from './types.js';

export interface PlanOptions {
  /** Parallel reads. */
  concurrency?: number;
}

export const resourceLabel = (r: Pick<DesiredResource, 'kind' | 'name'>): string => `${r.kind} ${r.name}`;

/** What `up` would do. */
export async function planUp(
  state: DesiredState,
  ctx: ProvisionContext,
  options: PlanOptions = {},
): Promise<Plan> {
  const items = new Map<string, PlanItem>();
  // Outputs of resources that exist now; a resource still to be created has none yet.
  const lookup = (key: string): Outputs | undefined => {
    const item = items.get(key);
    return item && item.action !== 'create' ? item.outputs : undefined;
  };
  await runGraph(state.resources, options.concurrency ?? 8, async (resource) => {
    items.set(resource.key, await planResource(resource, ctx, lookup));
  });
  return { mode: 'up', items: state.resources.map((r) => items.get(r.key)!) };
}

/** Describe → diff for one resource; used by the planner and again by the applier for late references. */
export async function planResource(
  resource: DesiredResource,
  ctx: ProvisionContext,
  lookup: (key: string) => Outputs | undefined,
): Promise<PlanItem> {
  const { value: desired, unresolved } = resolveRefs(resource, lookup);
  const reconciler = reconcilerFor(desired.kind);
  const observed = await reconciler.describe(desired.spec, ctx);
  const base = {
    key: desired.key,
    kind: desired.kind,
    name: desired.name,
    flow: desired.flow,
    dependsOn: desired.dependsOn,
    resource: resourceLabel(desired),
    desired,
    observed,
    pending: unresolved,
  };
  if (observed === undefined) return { ...base, action: 'create', reason: 'does not exist', outputs: {} };
  const differences = reconciler.diff(desired.spec, observed, ctx);
  const outputs = reconciler.outputs(desired.spec, observed);
  return differences.length === 0
    ? { ...base, action: 'unchanged', reason: 'up to date', outputs }
    : { ...base, action: 'update', reason: differences.map(displayRefs).join('; '), outputs };
}

/** What `down` would do: delete what exists, keep what must be kept (a non-empty bucket). */
export async function planDown(
  state: DesiredState,
  ctx: ProvisionContext,
  options: TeardownOptions & PlanOptions,
): Promise<Plan> {
  const items = await mapLimit(
    state.resources,
    options.concurrency ?? 8,
    async (resource): Promise<PlanItem> => {
      const reconciler = reconcilerFor(resource.kind);
      const observed = await reconciler.describe(resource.spec, ctx);
      const base = {
        key: resource.key,
        kind: resource.kind,
        name: resource.name,
        flow: resource.flow,
        dependsOn: resource.dependsOn,
        resource: resourceLabel(resource),
        desired: resource,
        observed,
        pending: [],
        outputs: {},
      };
      if (observed === undefined) return { ...base, action: 'unchanged', reason: 'does not exist' };
      const keep = reconciler.keep?.(resource.spec, observed, options);
      return keep
        ? { ...base, action: 'unchanged', reason: keep }
        : { ...base, action: 'delete', reason: 'exists' };
    },
  );
  return { mode: 'down', items };
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
