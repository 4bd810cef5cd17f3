// ListRuleNamesByTarget: which rules of a bus deliver to a given target ARN.

import type {
  ListRuleNamesByTargetRequest,
  ListRuleNamesByTargetResponse,
} from '@aws-sdk/client-eventbridge';
import type { ActionContext } from '../../../service.js';
import { findBus } from '../lookup.js';
import { paginate } from '../paging.js';
import type { EventsState } from '../state.js';
import { constraints } from '../validate.js';

export function listRuleNamesByTarget(
  input: ListRuleNamesByTargetRequest,
  ctx: ActionContext<EventsState>,
): ListRuleNamesByTargetResponse {
  constraints()
    .string(input.TargetArn, 'targetArn', { min: 1, max: 1600, required: true })
    .busNameOrArn(input.EventBusName)
    .check();
  const bus = findBus(ctx, input.EventBusName);
  const names = ctx.state.store
    .rules(bus.arn)
    .filter((r) => r.targets.some((t) => t.Arn === input.TargetArn))
    .map((r) => r.name);
  const page = paginate(names, input.NextToken, input.Limit);
  return { RuleNames: page.items, NextToken: page.nextToken } satisfies ListRuleNamesByTargetResponse;
}
