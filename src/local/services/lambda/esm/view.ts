// Renders a stored mapping as EventSourceMappingConfiguration, in the shape AWS gives SQS
// mappings (no LastProcessingResult or stream fields; FunctionResponseTypes always present).

import type { EventSourceMappingConfiguration } from '@aws-sdk/client-lambda';
import { arnFor, type Where } from '../arns.js';
import { type MappingRecord, mappingArn } from './model.js';

export function mappingView(where: Where, m: MappingRecord): EventSourceMappingConfiguration {
  return {
    UUID: m.uuid,
    BatchSize: m.batchSize,
    MaximumBatchingWindowInSeconds: m.maximumBatchingWindowInSeconds,
    EventSourceArn: m.eventSourceArn,
    FilterCriteria: m.filters.length > 0 ? { Filters: m.filters.map((Pattern) => ({ Pattern })) } : undefined,
    FunctionArn: arnFor(where, m.functionName, m.qualifier),
    LastModified: new Date(m.lastModified),
    State: m.state,
    StateTransitionReason: 'USER_INITIATED',
    FunctionResponseTypes:
      m.functionResponseTypes as EventSourceMappingConfiguration['FunctionResponseTypes'],
    ScalingConfig:
      m.maximumConcurrency !== undefined ? { MaximumConcurrency: m.maximumConcurrency } : undefined,
    EventSourceMappingArn: mappingArn(where.region, where.accountId, m.uuid),
  } satisfies EventSourceMappingConfiguration;
}
