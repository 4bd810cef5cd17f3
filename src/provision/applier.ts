// The applier: runs a plan in dependency order with bounded concurrency. Unchanged resources
// cost nothing; a resource whose spec referenced something just created is re-read first.
// Nothing is rolled back on failure: resources are found by name, so running again converges.
import { awsFailure, isNotFound } from '../aws/errors.js';
import { FaasError } from '../errors.js';
import type { Outputs } from '../pipeline/refs.js';
import { reversed, runGraph } from './graph.js';
import { planResource } from './planner.js';
import { reconcilerFor } from './reconcilers/index.js';
import type { Plan, PlanItem, ProvisionContext, TeardownOptions } from './types.js';

export interface ApplyOptions {
  concurrency?: number;
  /** Called when a resource starts changing and when it is done (not for unchanged ones). */
  onStart?(item: PlanItem): void;
  onDone?(item: PlanItem): void;
}

export interface ApplyResult {
  /** What was actually done, in completion order (unchanged resources excluded). */
  applied: PlanItem[];
  outputs: Map<string, Outputs>;
}

const RESUME_HINT =
  'Nothing was rolled back: fix the cause and run `faas up` again; it continues from what exists.';
const VERB = { create: 'create', update: 'update', delete: 'delete', unchanged: 'read' } as const;

export async function applyPlan(
  plan: Plan,
  ctx: ProvisionContext,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const outputs = new Map<string, Outputs>();
  const applied: PlanItem[] = [];
  try {
    await runGraph(plan.items, options.concurrency ?? 4, async (planned) => {
      // A reference to something created in this run can only be resolved now.
      const item =
        planned.pending.length > 0
          ? await planResource(planned.desired, ctx, (k) => outputs.get(k))
          : planned;
      if (item.pending.length > 0) {
        throw new FaasError(
          'UnresolvedReference',
          `${item.resource} needs outputs of ${item.pending.join(', ')}`,
        );
      }
      if (item.action === 'unchanged') {
        outputs.set(item.key, item.outputs);
        return;
      }
      options.onStart?.(item);
      const reconciler = reconcilerFor(item.kind);
      try {
        const result =
          item.action === 'create'
            ? await reconciler.create(item.desired.spec, ctx)
            : await reconciler.update(item.desired.spec, item.observed, ctx);
        outputs.set(item.key, { ...item.outputs, ...result });
      } catch (error) {
        throw error instanceof FaasError ? error : awsFailure(`${VERB[item.action]} ${item.resource}`, error);
      }
      applied.push(item);
      options.onDone?.(item);
    });
  } catch (error) {
    throw withResumeHint(error);
  }
  return { applied, outputs };
}

/** Deletes what the teardown plan marks `delete`, dependents before what they depend on. */
export async function applyTeardown(
  plan: Plan,
  ctx: ProvisionContext,
  options: TeardownOptions & Omit<ApplyOptions, 'onStart'> & { onStart?(item: PlanItem): void },
): Promise<PlanItem[]> {
  const deleted: PlanItem[] = [];
  await runGraph(reversed(plan.items), options.concurrency ?? 4, async (item) => {
    if (item.action !== 'delete') return;
    options.onStart?.(item);
    try {
      await reconcilerFor(item.kind).delete(item.desired.spec, item.observed, ctx, options);
    } catch (error) {
      // Already gone (deleted with its parent, or by someone else): that is the goal.
      if (!isNotFound(error)) {
        throw error instanceof FaasError ? error : awsFailure(`delete ${item.resource}`, error);
      }
    }
    deleted.push(item);
    options.onDone?.(item);
  });
  return deleted;
}

function withResumeHint(error: unknown): unknown {
  if (!(error instanceof FaasError) || error.hint !== undefined) return error;
  return new FaasError(error.code, error.message, {
    cause: error.cause,
    hint: RESUME_HINT,
    exitCode: error.exitCode,
  });
}
