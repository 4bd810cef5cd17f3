// RemoveTargets: removes targets by Id; an Id the rule does not have fails only its own entry.

import type {
  RemoveTargetsRequest,
  RemoveTargetsResponse,
  RemoveTargetsResultEntry,
} from '@aws-sdk/client-eventbridge';
import type { ActionContext } from '../../../service.js';
import { findRule } from '../lookup.js';
import type { EventsState } from '../state.js';
import { checkRuleAndBus, constraints } from '../validate.js';

export async function removeTargets(
  input: RemoveTargetsRequest,
  ctx: ActionContext<EventsState>,
): Promise<RemoveTargetsResponse> {
  checkRuleAndBus(input.Rule, input.EventBusName, 'rule');
  const c = constraints();
  if (input.Ids === undefined) c.string(undefined, 'ids', { required: true });
  c.listLength(input.Ids, 'ids', 1, 100).check();
  const { bus, rule } = findRule(ctx, input.Rule!, input.EventBusName);
  const failed: RemoveTargetsResultEntry[] = [];
  const removed: string[] = [];
  for (const id of input.Ids ?? []) {
    if (rule.targets.some((t) => t.Id === id)) removed.push(id);
    else
      failed.push({
        TargetId: id,
        ErrorCode: 'ResourceNotFoundException',
        ErrorMessage: `Rule '${rule.name}' does not have a target with the Id '${id}'.`,
      });
  }
  if (removed.length > 0)
    await ctx.cloud.persistence.commit('events', 'removeTargets', {
      busArn: bus.arn,
      name: rule.name,
      ids: removed,
    });
  return { FailedEntryCount: failed.length, FailedEntries: failed } satisfies RemoveTargetsResponse;
}
