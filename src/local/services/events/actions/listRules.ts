// ListRules: the rules of one bus, by name, with NamePrefix and paging.

import type { ListRulesRequest, ListRulesResponse, RuleState } from '@aws-sdk/client-eventbridge';
import type { ActionContext } from '../../../service.js';
import { findBus } from '../lookup.js';
import { paginate } from '../paging.js';
import type { EventsState } from '../state.js';
import { constraints } from '../validate.js';

export function listRules(input: ListRulesRequest, ctx: ActionContext<EventsState>): ListRulesResponse {
  constraints().ruleName(input.NamePrefix, 'namePrefix', false).busNameOrArn(input.EventBusName).check();
  const bus = findBus(ctx, input.EventBusName);
  const prefix = input.NamePrefix ?? '';
  const rules = ctx.state.store.rules(bus.arn).filter((r) => r.name.startsWith(prefix));
  const page = paginate(rules, input.NextToken, input.Limit);
  return {
    Rules: page.items.map((rule) => ({
      Name: rule.name,
      Arn: rule.arn,
      EventPattern: rule.eventPattern,
      ScheduleExpression: rule.scheduleExpression,
      State: rule.state as RuleState,
      Description: rule.description,
      RoleArn: rule.roleArn,
      EventBusName: rule.bus,
    })),
    NextToken: page.nextToken,
  } satisfies ListRulesResponse;
}
