// DeleteEventBus: removes a custom bus with its rules and tags. Deleting a bus that does not exist
// succeeds (as on AWS); the default bus cannot be deleted.

import type { DeleteEventBusRequest } from '@aws-sdk/client-eventbridge';
import { validation } from '../../../errors.js';
import type { ActionContext } from '../../../service.js';
import { DEFAULT_BUS } from '../arns.js';
import type { EventsState } from '../state.js';
import { BUS_NAME_PATTERN, BUS_NAME_PATTERN_TEXT, constraints } from '../validate.js';

export async function deleteEventBus(
  input: DeleteEventBusRequest,
  ctx: ActionContext<EventsState>,
): Promise<void> {
  constraints()
    .string(input.Name, 'name', {
      min: 1,
      max: 256,
      pattern: BUS_NAME_PATTERN,
      patternText: BUS_NAME_PATTERN_TEXT,
      required: true,
    })
    .check();
  if (input.Name === DEFAULT_BUS) throw validation('Cannot delete event bus default.');
  const bus = ctx.state.store.bus(ctx.region, input.Name!);
  if (bus) await ctx.cloud.persistence.commit('events', 'deleteBus', { arn: bus.arn });
}
