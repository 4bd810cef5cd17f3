// ListTargetsByRule: a rule's targets in the order they were added, with paging.

import type { ListTargetsByRuleRequest, ListTargetsByRuleResponse } from '@aws-sdk/client-eventbridge';
import type { ActionContext } from '../../../service.js';
import { findRule } from '../lookup.js';
import { paginate } from '../paging.js';
import type { EventsState } from '../state.js';
import { checkRuleAndBus } from '../validate.js';

export function listTargetsByRule(
  input: ListTargetsByRuleRequest,
  ctx: ActionContext<EventsState>,
): ListTargetsByRuleResponse {
  checkRuleAndBus(input.Rule, input.EventBusName, 'rule');
  const { rule } = findRule(ctx, input.Rule!, input.EventBusName);
  const page = paginate(rule.targets, input.NextToken, input.Limit);
  return { Targets: page.items, NextToken: page.nextToken } satisfies ListTargetsByRuleResponse;
}
