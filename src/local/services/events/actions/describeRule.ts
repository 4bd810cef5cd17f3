// DescribeRule: one rule on a bus (default when EventBusName is absent).

import type { DescribeRuleRequest, DescribeRuleResponse } from '@aws-sdk/client-eventbridge';
import type { ActionContext } from '../../../service.js';
import { findRule } from '../lookup.js';
import type { EventsState } from '../state.js';
import { checkRuleAndBus } from '../validate.js';

export function describeRule(
  input: DescribeRuleRequest,
  ctx: ActionContext<EventsState>,
): DescribeRuleResponse {
  checkRuleAndBus(input.Name, input.EventBusName);
  const { rule } = findRule(ctx, input.Name!, input.EventBusName);
  return {
    Name: rule.name,
    Arn: rule.arn,
    EventPattern: rule.eventPattern,
    ScheduleExpression: rule.scheduleExpression,
    State: rule.state as DescribeRuleResponse['State'],
    Description: rule.description,
    RoleArn: rule.roleArn,
    EventBusName: rule.bus,
    CreatedBy: rule.createdBy,
  } satisfies DescribeRuleResponse;
}
