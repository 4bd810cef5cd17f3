// The whole desired state: every registered flow's resources for one project and account.
// A new flow is one more entry in FLOWS (plus its config section and handlers).
import { FaasError } from '../errors.js';
import type { FlowContext } from './builders.js';
import { INGEST, ingestFlow } from './flows/ingest.js';
import { WEBHOOK, webhookFlow } from './flows/webhook.js';
import type { DesiredOf, DesiredResource, DesiredState } from './types.js';

export interface FlowDefinition {
  name: string;
  build(ctx: FlowContext): DesiredResource[];
}

export const FLOWS: readonly FlowDefinition[] = [
  { name: INGEST, build: ingestFlow },
  { name: WEBHOOK, build: webhookFlow },
];

export function buildDesiredState(ctx: FlowContext, flows: readonly FlowDefinition[] = FLOWS): DesiredState {
  const resources = mergeSharedApis(flows.flatMap((flow) => flow.build(ctx)));
  const keys = new Set<string>();
  for (const r of resources) {
    if (keys.has(r.key)) throw new FaasError('DuplicateResource', `Two flows declare ${r.key}`);
    keys.add(r.key);
  }
  for (const r of resources) {
    for (const dep of r.dependsOn) {
      if (!keys.has(dep))
        throw new FaasError('UnknownDependency', `${r.key} depends on ${dep}, which no flow declares`);
    }
  }
  return { project: ctx.config.project, ...ctx.account, resources };
}

/**
 * The pipeline has one HTTP API: a later flow declares the same httpApi (same key) with only its
 * own routes, and they are merged into the first declaration (routes and dependencies added).
 */
function mergeSharedApis(resources: DesiredResource[]): DesiredResource[] {
  const apis = new Map<string, DesiredOf<'httpApi'>>();
  const out: DesiredResource[] = [];
  for (const r of resources) {
    if (r.kind !== 'httpApi') {
      out.push(r);
      continue;
    }
    const first = apis.get(r.key);
    if (!first) {
      const copy: DesiredOf<'httpApi'> = { ...r, spec: { ...r.spec, routes: [...r.spec.routes] } };
      apis.set(r.key, copy);
      out.push(copy);
      continue;
    }
    for (const route of r.spec.routes) {
      if (first.spec.routes.some((x) => x.routeKey === route.routeKey)) {
        throw new FaasError('DuplicateResource', `Two flows declare the route ${route.routeKey}`);
      }
      first.spec.routes.push(route);
    }
    first.dependsOn = [...new Set([...first.dependsOn, ...r.dependsOn])];
  }
  return out;
}
