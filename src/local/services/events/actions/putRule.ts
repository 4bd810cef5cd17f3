// PutRule: creates or replaces a rule (an update keeps the targets and ignores Tags, and arguments
// left out are reset, as AWS documents). The pattern is validated by the shared pattern engine, a
// ScheduleExpression by the schedule parser (rate, and AWS's six-field cron).

import type { PutRuleRequest, PutRuleResponse } from '@aws-sdk/client-eventbridge';
import { compilePattern } from '../../../engines/eventPattern.js';
import { validation } from '../../../errors.js';
import type { ActionContext } from '../../../service.js';
import { DEFAULT_BUS, ruleArn } from '../arns.js';
import { findBus } from '../lookup.js';
import { parseSchedule } from '../schedule.js';
import type { EventsState } from '../state.js';
import { checkRuleAndBus, checkTags, constraints } from '../validate.js';

export const RULE_STATES = ['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'] as const;

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
    if (!parseSchedule(input.ScheduleExpression))
      throw validation('Parameter ScheduleExpression is not valid.');
  }
  if (input.EventPattern) compilePattern(input.EventPattern);

  const name = input.Name!;
  const arn = ruleArn(bus.region, ctx.accountId, bus.name, name);
  const schedule = input.ScheduleExpression || undefined;
  // A rate counts from when the rule got its expression; an update that keeps it keeps the phase.
  const existing = ctx.state.store.rule(bus.arn, name);
  const scheduleAnchor = !schedule
    ? undefined
    : existing?.scheduleExpression === schedule && existing.scheduleAnchor !== undefined
      ? existing.scheduleAnchor
      : ctx.state.scheduler.now();
  await ctx.cloud.persistence.commit('events', 'putRule', {
    rule: {
      name,
      region: bus.region,
      bus: bus.name,
      busArn: bus.arn,
      arn,
      eventPattern: input.EventPattern || undefined,
      scheduleExpression: schedule,
      scheduleAnchor,
      state: input.State ?? 'ENABLED',
      description: input.Description,
      roleArn: input.RoleArn,
      createdBy: ctx.accountId,
    },
    tags: input.Tags?.map((t) => ({ Key: t.Key, Value: t.Value })),
  });
  return { RuleArn: arn } satisfies PutRuleResponse;
}
