// GetEventSourceMapping: one mapping by UUID, with its current state.

import type { EventSourceMappingConfiguration, GetEventSourceMappingRequest } from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import type { LambdaCore } from '../core.js';
import { requireMapping } from '../esm/errors.js';
import { mappingsOf } from '../esm/mappings.js';
import { mappingView } from '../esm/view.js';

export function getEventSourceMapping(
  input: GetEventSourceMappingRequest,
  ctx: ActionContext<LambdaCore>,
): EventSourceMappingConfiguration {
  const m = requireMapping(mappingsOf(ctx.state), input.UUID);
  return mappingView(ctx, m) satisfies EventSourceMappingConfiguration;
}
