// The reconciler contract (describe → diff → create/update, and delete for teardown) and the
// plan items the planner produces and the applier consumes.
import type { AwsClients } from '../aws/clients.js';
import type { Outputs } from '../pipeline/refs.js';
import type { AccountContext, DesiredResource, ResourceKind } from '../pipeline/types.js';
import type { Artifact } from './artifacts.js';
import type { Clock } from './clock.js';
import type { BackoffPolicy } from './retry.js';

export type Action = 'create' | 'update' | 'unchanged' | 'delete';

/** What one reconciler decided about one resource, and why. */
export interface Change {
  action: Action;
  /** `<kind> <name>`, e.g. `function demo-ingest-api`. */
  resource: string;
  reason: string;
}

export interface ProvisionContext {
  clients: AwsClients;
  project: string;
  account: AccountContext;
  clock: Clock;
  /** Built code per function name. Empty for `status` and `down`: code is then not compared. */
  artifacts: ReadonlyMap<string, Artifact>;
  /** How long to wait for a Lambda function to become active / finish updating. */
  waitSeconds: number;
  /** Backoff while Lambda cannot yet assume a just-created role. */
  roleRetry: BackoffPolicy;
  /** Progress notes (a retry, a wait) for the command to show. */
  note?(message: string): void;
}

export interface TeardownOptions {
  /** Delete a non-empty bucket together with its objects. */
  force: boolean;
}

export interface Reconciler<S, O> {
  /** Reads only. Undefined when the resource does not exist. */
  describe(spec: S, ctx: ProvisionContext): Promise<O | undefined>;
  /** Pure: each entry is one difference, worded for people. Empty means unchanged. */
  diff(spec: S, observed: O, ctx: ProvisionContext): string[];
  create(spec: S, ctx: ProvisionContext): Promise<Outputs>;
  /** Changes only what `diff` reports. */
  update(spec: S, observed: O, ctx: ProvisionContext): Promise<Outputs>;
  /** Outputs (ARN, id, URL) of an existing resource, for references and `status`. */
  outputs(spec: S, observed: O): Outputs;
  /** A reason to keep the resource on teardown, or undefined to delete it. */
  keep?(spec: S, observed: O, options: TeardownOptions): string | undefined;
  delete(spec: S, observed: O, ctx: ProvisionContext, options: TeardownOptions): Promise<void>;
}

export interface PlanItem extends Change {
  key: string;
  kind: ResourceKind;
  name: string;
  flow: string;
  dependsOn: string[];
  /** The desired resource with every reference resolvable at plan time resolved. */
  desired: DesiredResource;
  observed: unknown;
  /** Keys whose outputs are only known after they are created; the applier re-reads then. */
  pending: string[];
  outputs: Outputs;
}

export interface Plan {
  mode: 'up' | 'down';
  items: PlanItem[];
}

export const countActions = (plan: Plan): Record<Action, number> => {
  const counts: Record<Action, number> = { create: 0, update: 0, unchanged: 0, delete: 0 };
  for (const item of plan.items) counts[item.action]++;
  return counts;
};

export const hasChanges = (plan: Plan): boolean => plan.items.some((i) => i.action !== 'unchanged');
