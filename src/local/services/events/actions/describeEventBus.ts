// DescribeEventBus: by name or ARN; no name means the default bus.

import type { DescribeEventBusRequest, DescribeEventBusResponse } from '@aws-sdk/client-eventbridge';
import type { ActionContext } from '../../../service.js';
import { findBus } from '../lookup.js';
import type { EventsState } from '../state.js';
import { BUS_NAME_OR_ARN_PATTERN, BUS_NAME_OR_ARN_PATTERN_TEXT, constraints } from '../validate.js';

export function describeEventBus(
  input: DescribeEventBusRequest,
  ctx: ActionContext<EventsState>,
): DescribeEventBusResponse {
  constraints()
    .string(input.Name, 'name', {
      min: 1,
      max: 1600,
      pattern: BUS_NAME_OR_ARN_PATTERN,
      patternText: BUS_NAME_OR_ARN_PATTERN_TEXT,
    })
    .check();
  const bus = findBus(ctx, input.Name);
  return {
    Name: bus.name,
    Arn: bus.arn,
    Description: bus.description,
    CreationTime: new Date(bus.created),
    LastModifiedTime: new Date(bus.modified),
  } satisfies DescribeEventBusResponse;
}
