// The whole desired state: every registered flow's resources for one project and account.
// A new flow is one more entry in FLOWS (plus its config section and handlers).
import { FaasError } from '../errors.js';
import type { FlowContext } from './builders.js';
import { INGEST, ingestFlow } from './flows/ingest.js';
import type { DesiredResource, DesiredState } from './types.js';

export interface FlowDefinition {
  name: string;
  build(ctx: FlowContext): DesiredResource[];
}

export const FLOWS: readonly FlowDefinition[] = [{ name: INGEST, build: ingestFlow }];

export function buildDesiredState(ctx: FlowContext, flows: readonly FlowDefinition[] = FLOWS): DesiredState {
  const resources = flows.flatMap((flow) => flow.build(ctx));
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
