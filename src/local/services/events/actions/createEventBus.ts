// CreateEventBus: a custom bus in the caller's region; `default` always exists already.

import type { CreateEventBusRequest, CreateEventBusResponse } from '@aws-sdk/client-eventbridge';
import { AwsServiceError } from '../../../errors.js';
import type { ActionContext } from '../../../service.js';
import { busArn } from '../arns.js';
import type { EventsState } from '../state.js';
import { BUS_NAME_PATTERN, BUS_NAME_PATTERN_TEXT, checkTags, constraints } from '../validate.js';

export async function createEventBus(
  input: CreateEventBusRequest,
  ctx: ActionContext<EventsState>,
): Promise<CreateEventBusResponse> {
  constraints()
    .string(input.Name, 'name', {
      min: 1,
      max: 256,
      pattern: BUS_NAME_PATTERN,
      patternText: BUS_NAME_PATTERN_TEXT,
      required: true,
    })
    .string(input.Description, 'description', { max: 512 })
    .check();
  checkTags(input.Tags);
  const name = input.Name!;
  if (ctx.state.store.bus(ctx.region, name))
    throw new AwsServiceError('ResourceAlreadyExistsException', `Event bus ${name} already exists.`, 400);
  const now = ctx.cloud.clock.now();
  const arn = busArn(ctx.region, ctx.accountId, name);
  await ctx.cloud.persistence.commit('events', 'createBus', {
    name,
    region: ctx.region,
    arn,
    description: input.Description,
    created: now,
    modified: now,
    tags: input.Tags?.map((t) => ({ Key: t.Key, Value: t.Value })),
  });
  return { EventBusArn: arn, Description: input.Description } satisfies CreateEventBusResponse;
}
