// UpdateEventSourceMapping: changes the function, batching, filters, response types, scaling or
// Enabled. Answers 202 in state Updating (Enabling/Disabling when Enabled flips), which settles.

import type {
  EventSourceMappingConfiguration,
  UpdateEventSourceMappingRequest,
} from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import type { LambdaCore } from '../core.js';
import { checkUnique, mappingInUse, requireMapping } from '../esm/errors.js';
import { mappingsOf } from '../esm/mappings.js';
import { type MappingRecord, TRANSITIONAL } from '../esm/model.js';
import {
  checkBatching,
  checkConstraints,
  checkFilters,
  checkVisibility,
  requireQueue,
  resolveMappingFunction,
} from '../esm/validate.js';
import { mappingView } from '../esm/view.js';

export async function updateEventSourceMapping(
  input: UpdateEventSourceMappingRequest,
  ctx: ActionContext<LambdaCore>,
): Promise<EventSourceMappingConfiguration> {
  checkConstraints(input);
  const mappings = mappingsOf(ctx.state);
  const current = requireMapping(mappings, input.UUID);
  if (TRANSITIONAL.has(current.state)) throw mappingInUse('update');
  const batchSize = input.BatchSize ?? current.batchSize;
  const window = input.MaximumBatchingWindowInSeconds ?? current.maximumBatchingWindowInSeconds;
  checkBatching(current.eventSourceArn.endsWith('.fifo'), batchSize, window);
  // An empty FilterCriteria (or ScalingConfig) removes it, as on AWS.
  const filters = input.FilterCriteria !== undefined ? checkFilters(input.FilterCriteria) : current.filters;
  let { functionName, qualifier } = current;
  if (input.FunctionName !== undefined) {
    const target = resolveMappingFunction(ctx.state, ctx, input.FunctionName);
    checkVisibility(requireQueue(ctx.cloud, current.eventSourceArn), target.version);
    checkUnique(mappings, current.eventSourceArn, target.name, target.qualifier, current.uuid);
    ({ name: functionName, qualifier } = target);
  }
  const enabled = input.Enabled ?? current.enabled;
  const m: MappingRecord = {
    ...current,
    functionName,
    qualifier,
    batchSize,
    maximumBatchingWindowInSeconds: window,
    filters,
    functionResponseTypes: input.FunctionResponseTypes ?? current.functionResponseTypes,
    maximumConcurrency:
      input.ScalingConfig !== undefined ? input.ScalingConfig.MaximumConcurrency : current.maximumConcurrency,
    enabled,
    state: enabled === current.enabled ? 'Updating' : enabled ? 'Enabling' : 'Disabling',
    lastModified: ctx.cloud.clock.now(),
  };
  await mappings.save(m);
  return mappingView(ctx, m) satisfies EventSourceMappingConfiguration;
}
