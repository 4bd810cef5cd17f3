// DeleteEventSourceMapping: answers 202 in state Deleting; polling stops at once and the mapping
// disappears once the deletion settles.

import type {
  DeleteEventSourceMappingRequest,
  EventSourceMappingConfiguration,
} from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import type { LambdaCore } from '../core.js';
import { mappingInUse, requireMapping } from '../esm/errors.js';
import { mappingsOf } from '../esm/mappings.js';
import { type MappingRecord, TRANSITIONAL } from '../esm/model.js';
import { mappingView } from '../esm/view.js';

export async function deleteEventSourceMapping(
  input: DeleteEventSourceMappingRequest,
  ctx: ActionContext<LambdaCore>,
): Promise<EventSourceMappingConfiguration> {
  const mappings = mappingsOf(ctx.state);
  const current = requireMapping(mappings, input.UUID);
  if (TRANSITIONAL.has(current.state)) throw mappingInUse('delete');
  const m: MappingRecord = { ...current, state: 'Deleting' };
  await mappings.save(m);
  return mappingView(ctx, m) satisfies EventSourceMappingConfiguration;
}
