// Event bus targets: the event is put onto the other bus as it is (same id, time and detail), and
// that bus's own rules take it from there.

import { parseBusArn } from '../arns.js';
import type { TargetKind } from './types.js';

export const eventBusTarget: TargetKind = {
  name: 'event-bus',
  accepts: (arn) => parseBusArn(arn) !== undefined,
  deliver: ({ arn, event, forward }) => forward(arn, event),
};
