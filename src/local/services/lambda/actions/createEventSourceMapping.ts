// CreateEventSourceMapping: an SQS queue → function mapping. It answers 202 in state Creating
// (Disabled when created disabled); the poller starts once it has settled to Enabled.

import { randomUUID } from 'node:crypto';
import type {
  CreateEventSourceMappingRequest,
  EventSourceMappingConfiguration,
} from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import type { LambdaCore } from '../core.js';
import { checkUnique } from '../esm/errors.js';
import { mappingsOf } from '../esm/mappings.js';
import { DEFAULT_BATCH_SIZE, type MappingRecord } from '../esm/model.js';
import {
  checkBatching,
  checkConstraints,
  checkFilters,
  checkSourceService,
  checkVisibility,
  requireQueue,
  resolveMappingFunction,
} from '../esm/validate.js';
import { mappingView } from '../esm/view.js';

export async function createEventSourceMapping(
  input: CreateEventSourceMappingRequest,
  ctx: ActionContext<LambdaCore>,
): Promise<EventSourceMappingConfiguration> {
  checkConstraints(input);
  const queueArn = checkSourceService(input.EventSourceArn);
  const batchSize = input.BatchSize ?? DEFAULT_BATCH_SIZE;
  const window = input.MaximumBatchingWindowInSeconds ?? 0;
  checkBatching(queueArn.endsWith('.fifo'), batchSize, window);
  const filters = checkFilters(input.FilterCriteria);
  const target = resolveMappingFunction(ctx.state, ctx, input.FunctionName);
  checkVisibility(requireQueue(ctx.cloud, queueArn), target.version);
  const mappings = mappingsOf(ctx.state);
  checkUnique(mappings, queueArn, target.name, target.qualifier);
  const enabled = input.Enabled ?? true;
  const m: MappingRecord = {
    uuid: randomUUID(),
    functionName: target.name,
    qualifier: target.qualifier,
    eventSourceArn: queueArn,
    batchSize,
    maximumBatchingWindowInSeconds: window,
    filters,
    functionResponseTypes: input.FunctionResponseTypes ?? [],
    maximumConcurrency: input.ScalingConfig?.MaximumConcurrency,
    enabled,
    state: enabled ? 'Creating' : 'Disabled',
    lastModified: ctx.cloud.clock.now(),
  };
  await mappings.save(m);
  return mappingView(ctx, m) satisfies EventSourceMappingConfiguration;
}
