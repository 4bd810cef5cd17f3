// Resolving the bus, rule or taggable resource an operation names, with AWS's not-found errors.

import { AwsServiceError } from '../../errors.js';
import type { ActionContext } from '../../service.js';
import { busNotFound, busRef, parseBusArn, parseRuleArn, ruleNotFound } from './arns.js';
import type { EventsState } from './state.js';
import type { BusRecord, RuleRecord } from './store.js';

export function findBus(ctx: ActionContext<EventsState>, nameOrArn: string | undefined): BusRecord {
  const ref = busRef(nameOrArn, ctx.region);
  return ctx.state.store.requireBus(ref.region, ref.name);
}

export function findRule(
  ctx: ActionContext<EventsState>,
  name: string,
  busNameOrArn: string | undefined,
): { bus: BusRecord; rule: RuleRecord } {
  const bus = findBus(ctx, busNameOrArn);
  return { bus, rule: ctx.state.store.requireRule(bus, name) };
}

/** The ARN of an existing bus or rule (TagResource & co.), or the not-found error AWS gives. */
export function taggableArn(ctx: ActionContext<EventsState>, arn: string | undefined): string {
  const { store } = ctx.state;
  const own = arn?.includes(`:${ctx.accountId}:`) ?? false;
  const bus = arn ? parseBusArn(arn) : undefined;
  if (bus) {
    if (!own || !store.bus(bus.region, bus.name)) throw busNotFound(bus.name);
    return arn!;
  }
  const rule = arn ? parseRuleArn(arn) : undefined;
  if (rule) {
    const onBus = own ? store.bus(rule.region, rule.bus) : undefined;
    if (!onBus || !store.rule(onBus.arn, rule.name)) throw ruleNotFound(rule.name, rule.bus);
    return arn!;
  }
  throw new AwsServiceError('ValidationException', `Parameter ResourceARN is not valid.`, 400);
}
