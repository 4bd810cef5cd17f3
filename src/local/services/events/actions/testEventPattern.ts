// TestEventPattern: runs the shared pattern engine on one event, which must look like an
// EventBridge event (AWS insists on id, account, source, time, region and detail-type).

import type { TestEventPatternRequest, TestEventPatternResponse } from '@aws-sdk/client-eventbridge';
import { compilePattern } from '../../../engines/eventPattern.js';
import { validation } from '../../../errors.js';
import type { ActionContext } from '../../../service.js';
import type { EventsState } from '../state.js';
import { constraints } from '../validate.js';

// The API reference also lists `resources`, but AWS accepts an event without it.
const REQUIRED_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'];

export function testEventPattern(
  input: TestEventPatternRequest,
  _ctx: ActionContext<EventsState>,
): TestEventPatternResponse {
  constraints()
    .string(input.EventPattern, 'eventPattern', { required: true })
    .string(input.Event, 'event', { required: true })
    .check();
  let event: unknown;
  try {
    event = JSON.parse(input.Event!);
  } catch {
    throw validation('Parameter Event is not valid.');
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event))
    throw validation('Parameter Event is not valid.');
  if (!REQUIRED_FIELDS.every((field) => Object.hasOwn(event, field)))
    throw validation('Parameter Event is not valid.');
  return { Result: compilePattern(input.EventPattern!).matches(event) } satisfies TestEventPatternResponse;
}
