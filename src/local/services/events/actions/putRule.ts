// PutRule: creates or replaces a rule (an update keeps the targets and ignores Tags, and arguments
// left out are reset, as AWS documents). The pattern is validated by the shared pattern engine.

import type { PutRuleRequest, PutRuleResponse } from '@aws-sdk/client-eventbridge';
import { compilePattern } from '../../../engines/eventPattern.js';
import { validation } from '../../../errors.js';
import type { ActionContext } from '../../../service.js';
import { DEFAULT_BUS, ruleArn } from '../arns.js';
import { findBus } from '../lookup.js';
import type { EventsState } from '../state.js';
import { checkRuleAndBus, checkTags, constraints } from '../validate.js';

export const RULE_STATES = ['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'] as const;

// rate(value unit): singular unit for 1, plural otherwise. cron(): six space-separated fields.
const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\(\S+( \S+){5}\)$/;

function validSchedule(expression: string): boolean {
  const rate = RATE.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    return value >= 1 && (value === 1) === !rate[2]!.endsWith('s');
  }
  return CRON.test(expression);
}

export async function putRule(
  input: PutRuleRequest,
  ctx: ActionContext<EventsState>,
): Promise<PutRuleResponse> {
  checkRuleAndBus(input.Name, input.EventBusName);
  constraints()
    .string(input.ScheduleExpression, 'scheduleExpression', { max: 256 })
    .string(input.Description, 'description', { max: 512 })
    .string(input.RoleArn, 'roleArn', { min: 1, max: 1600 })
    .oneOf(input.State, 'state', RULE_STATES)
    .check();
  checkTags(input.Tags);
  if (!input.EventPattern && !input.ScheduleExpression)
    throw validation('Parameter(s) EventPattern or ScheduleExpression must be specified.');
  const bus = findBus(ctx, input.EventBusName);
  if (input.ScheduleExpression) {
    if (bus.name !== DEFAULT_BUS)
      throw validation('ScheduleExpression is supported only on the default event bus.');
    if (!validSchedule(input.ScheduleExpression))
      throw validation('Parameter ScheduleExpression is not valid.');
  }
  if (input.EventPattern) compilePattern(input.EventPattern);

  const name = input.Name!;
  const arn = ruleArn(bus.region, ctx.accountId, bus.name, name);
  await ctx.cloud.persistence.commit('events', 'putRule', {
    rule: {
      name,
      region: bus.region,
      bus: bus.name,
      busArn: bus.arn,
      arn,
      eventPattern: input.EventPattern || undefined,
      scheduleExpression: input.ScheduleExpression || undefined,
      state: input.State ?? 'ENABLED',
      description: input.Description,
      roleArn: input.RoleArn,
      createdBy: ctx.accountId,
    },
    tags: input.Tags?.map((t) => ({ Key: t.Key, Value: t.Value })),
  });
  return { RuleArn: arn } satisfies PutRuleResponse;
}
