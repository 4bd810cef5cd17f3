// The reconciler of each resource kind.
import type { ResourceKind, SpecByKind } from '../../pipeline/types.js';
import type { Reconciler } from '../types.js';
import { bucketReconciler } from './bucket.js';
import { busReconciler } from './bus.js';
import { eventSourceMappingReconciler } from './eventSourceMapping.js';
import { functionReconciler } from './function.js';
import { httpApiReconciler } from './httpApi.js';
import { logGroupReconciler } from './logGroup.js';
import { parameterReconciler } from './parameter.js';
import { permissionReconciler } from './permission.js';
import { queueReconciler } from './queue.js';
import { roleReconciler } from './role.js';
import { ruleReconciler } from './rule.js';

export const RECONCILERS: { [K in ResourceKind]: Reconciler<SpecByKind[K], unknown> } = {
  logGroup: logGroupReconciler as Reconciler<SpecByKind['logGroup'], unknown>,
  role: roleReconciler as Reconciler<SpecByKind['role'], unknown>,
  bus: busReconciler as Reconciler<SpecByKind['bus'], unknown>,
  rule: ruleReconciler as Reconciler<SpecByKind['rule'], unknown>,
  permission: permissionReconciler as Reconciler<SpecByKind['permission'], unknown>,
  bucket: bucketReconciler as Reconciler<SpecByKind['bucket'], unknown>,
  function: functionReconciler as Reconciler<SpecByKind['function'], unknown>,
  httpApi: httpApiReconciler as Reconciler<SpecByKind['httpApi'], unknown>,
  parameter: parameterReconciler as Reconciler<SpecByKind['parameter'], unknown>,
  queue: queueReconciler as Reconciler<SpecByKind['queue'], unknown>,
  eventSourceMapping: eventSourceMappingReconciler as Reconciler<SpecByKind['eventSourceMapping'], unknown>,
};

/** The reconciler for a resource, typed loosely: the planner only moves specs and observations around. */
export const reconcilerFor = (kind: ResourceKind): Reconciler<unknown, unknown> =>
  RECONCILERS[kind] as Reconciler<unknown, unknown>;
