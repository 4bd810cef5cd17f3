// PutEvents: up to 10 entries; bad entries fail on their own (InvalidArgument, MalformedDetail),
// the others are durably accepted before the answer and delivered asynchronously right after.

import type { PutEventsRequest, PutEventsResponse } from '@aws-sdk/client-eventbridge';
import type { ActionContext } from '../../../service.js';
import { checkRequest } from '../envelope.js';
import type { EventsState } from '../state.js';

export async function putEvents(
  input: PutEventsRequest,
  ctx: ActionContext<EventsState>,
): Promise<PutEventsResponse> {
  const entries = checkRequest(input.Entries);
  const results = await ctx.state.delivery.accept(entries, ctx.region);
  return {
    FailedEntryCount: results.filter((r) => r.ErrorCode !== undefined).length,
    Entries: results,
  } satisfies PutEventsResponse;
}
