// DisableRule: the rule stays, with its targets, but matches nothing until enabled again.

import type { DisableRuleRequest } from '@aws-sdk/client-eventbridge';
import type { ActionContext } from '../../../service.js';
import { findRule } from '../lookup.js';
import type { EventsState } from '../state.js';
import { checkRuleAndBus } from '../validate.js';

export async function disableRule(input: DisableRuleRequest, ctx: ActionContext<EventsState>): Promise<void> {
  checkRuleAndBus(input.Name, input.EventBusName);
  const { bus, rule } = findRule(ctx, input.Name!, input.EventBusName);
  await ctx.cloud.persistence.commit('events', 'ruleState', {
    busArn: bus.arn,
    name: rule.name,
    state: 'DISABLED',
  });
}
