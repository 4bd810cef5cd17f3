// DeleteRule: refused while the rule still has targets (AWS's own message); deleting a rule that
// does not exist succeeds, as on AWS.

import type { DeleteRuleRequest } from '@aws-sdk/client-eventbridge';
import { validation } from '../../../errors.js';
import type { ActionContext } from '../../../service.js';
import { findBus } from '../lookup.js';
import type { EventsState } from '../state.js';
import { checkRuleAndBus } from '../validate.js';

export async function deleteRule(input: DeleteRuleRequest, ctx: ActionContext<EventsState>): Promise<void> {
  checkRuleAndBus(input.Name, input.EventBusName);
  const bus = findBus(ctx, input.EventBusName);
  const rule = ctx.state.store.rule(bus.arn, input.Name!);
  if (!rule) return;
  if (rule.targets.length > 0) throw validation("Rule can't be deleted since it has targets.");
  await ctx.cloud.persistence.commit('events', 'deleteRule', { busArn: bus.arn, name: rule.name });
}
