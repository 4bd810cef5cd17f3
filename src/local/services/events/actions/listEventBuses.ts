// ListEventBuses: the caller's region's buses (default included), by name, with NamePrefix and paging.

import type { ListEventBusesRequest, ListEventBusesResponse } from '@aws-sdk/client-eventbridge';
import type { ActionContext } from '../../../service.js';
import { paginate } from '../paging.js';
import type { EventsState } from '../state.js';
import { BUS_NAME_PATTERN, BUS_NAME_PATTERN_TEXT, constraints } from '../validate.js';

export function listEventBuses(
  input: ListEventBusesRequest,
  ctx: ActionContext<EventsState>,
): ListEventBusesResponse {
  constraints()
    .string(input.NamePrefix, 'namePrefix', {
      min: 1,
      max: 256,
      pattern: BUS_NAME_PATTERN,
      patternText: BUS_NAME_PATTERN_TEXT,
    })
    .check();
  const prefix = input.NamePrefix ?? '';
  const buses = ctx.state.store.listBuses(ctx.region).filter((b) => b.name.startsWith(prefix));
  const page = paginate(buses, input.NextToken, input.Limit);
  return {
    EventBuses: page.items.map((bus) => ({
      Name: bus.name,
      Arn: bus.arn,
      Description: bus.description,
      CreationTime: new Date(bus.created),
      LastModifiedTime: new Date(bus.modified),
    })),
    NextToken: page.nextToken,
  } satisfies ListEventBusesResponse;
}
