// An EventBridge rule on the flow's bus with its targets (Lambda aliases). Targets not in the
// desired state are removed, so a retired consumer stops receiving events.
import {
  DeleteRuleCommand,
  DescribeRuleCommand,
  type DescribeRuleCommandOutput,
  type EventBridgeClient,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { isNotFound } from '../../aws/errors.js';
import { FaasError } from '../../errors.js';
import { ruleArn } from '../../pipeline/arns.js';
import { stableStringify } from '../../pipeline/policy.js';
import type { RuleSpec, RuleTarget, Tags } from '../../pipeline/types.js';
import { fromTagList, tagReasons, toTagList } from '../tags.js';
import type { Reconciler } from '../types.js';
import { syncEventBridgeTags } from './bus.js';

export interface ObservedRule {
  arn: string;
  eventPattern: unknown;
  state: string | undefined;
  targets: RuleTarget[];
  tags: Tags;
}

export const ruleReconciler: Reconciler<RuleSpec, ObservedRule> = {
  async describe(spec, ctx) {
    const { events } = ctx.clients;
    let rule: DescribeRuleCommandOutput;
    try {
      rule = await events.send(new DescribeRuleCommand({ Name: spec.name, EventBusName: spec.busName }));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    const arn = rule.Arn ?? ruleArn(ctx.account, spec.busName, spec.name);
    const targets: RuleTarget[] = [];
    let nextToken: string | undefined;
    do {
      const page = await events.send(
        new ListTargetsByRuleCommand({ Rule: spec.name, EventBusName: spec.busName, NextToken: nextToken }),
      );
      for (const t of page.Targets ?? []) targets.push({ id: t.Id ?? '', arn: t.Arn ?? '' });
      nextToken = page.NextToken;
    } while (nextToken);
    const tags = await events.send(new ListTagsForResourceCommand({ ResourceARN: arn }));
    return {
      arn,
      eventPattern: rule.EventPattern ? JSON.parse(rule.EventPattern) : undefined,
      state: rule.State,
      targets,
      tags: fromTagList(tags.Tags),
    };
  },

  diff(spec, o) {
    const reasons: string[] = [];
    if (stableStringify(spec.eventPattern) !== stableStringify(o.eventPattern))
      reasons.push('event pattern differs');
    if (o.state !== 'ENABLED') reasons.push(`rule is ${o.state ?? 'in an unknown state'}, want ENABLED`);
    const { put, remove } = targetChanges(spec, o);
    for (const t of put)
      reasons.push(`target ${t.id} ${o.targets.some((x) => x.id === t.id) ? 'differs' : 'missing'}`);
    for (const id of remove) reasons.push(`extra target ${id}`);
    return [...reasons, ...tagReasons(spec.tags, o.tags)];
  },

  async create(spec, ctx) {
    const created = await ctx.clients.events.send(
      new PutRuleCommand({
        Name: spec.name,
        EventBusName: spec.busName,
        EventPattern: JSON.stringify(spec.eventPattern),
        State: 'ENABLED',
        Tags: toTagList(spec.tags),
      }),
    );
    await putTargets(ctx.clients.events, spec, spec.targets);
    return { arn: created.RuleArn ?? ruleArn(ctx.account, spec.busName, spec.name) };
  },

  async update(spec, o, ctx) {
    const { events } = ctx.clients;
    if (stableStringify(spec.eventPattern) !== stableStringify(o.eventPattern) || o.state !== 'ENABLED') {
      // PutRule on an existing rule replaces pattern and state but ignores Tags.
      await events.send(
        new PutRuleCommand({
          Name: spec.name,
          EventBusName: spec.busName,
          EventPattern: JSON.stringify(spec.eventPattern),
          State: 'ENABLED',
        }),
      );
    }
    const { put, remove } = targetChanges(spec, o);
    if (put.length > 0) await putTargets(events, spec, put);
    if (remove.length > 0) await removeTargets(events, spec, remove);
    await syncEventBridgeTags(ctx, o.arn, spec.tags, o.tags);
    return { arn: o.arn };
  },

  outputs: (_spec, o) => ({ arn: o.arn }),

  async delete(spec, o, ctx) {
    // EventBridge refuses to delete a rule that still has targets.
    if (o.targets.length > 0)
      await removeTargets(
        ctx.clients.events,
        spec,
        o.targets.map((t) => t.id),
      );
    await ctx.clients.events.send(new DeleteRuleCommand({ Name: spec.name, EventBusName: spec.busName }));
  },
};

function targetChanges(spec: RuleSpec, o: ObservedRule): { put: RuleTarget[]; remove: string[] } {
  const put = spec.targets.filter((t) => !o.targets.some((x) => x.id === t.id && x.arn === t.arn));
  const remove = o.targets.filter((x) => !spec.targets.some((t) => t.id === x.id)).map((x) => x.id);
  return { put, remove };
}

async function putTargets(events: EventBridgeClient, spec: RuleSpec, targets: RuleTarget[]): Promise<void> {
  const result = await events.send(
    new PutTargetsCommand({
      Rule: spec.name,
      EventBusName: spec.busName,
      Targets: targets.map((t) => ({ Id: t.id, Arn: t.arn })),
    }),
  );
  // PutTargets reports per-target failures in a 200 response instead of throwing.
  if ((result.FailedEntryCount ?? 0) > 0) {
    const first = result.FailedEntries?.[0];
    throw new FaasError('RuleTargetFailed', `Could not set the targets of rule ${spec.name}`, {
      cause: `${first?.ErrorCode}: ${first?.ErrorMessage}`,
    });
  }
}

async function removeTargets(events: EventBridgeClient, spec: RuleSpec, ids: string[]): Promise<void> {
  const result = await events.send(
    new RemoveTargetsCommand({ Rule: spec.name, EventBusName: spec.busName, Ids: ids }),
  );
  if ((result.FailedEntryCount ?? 0) > 0) {
    const first = result.FailedEntries?.[0];
    throw new FaasError('RuleTargetFailed', `Could not remove targets from rule ${spec.name}`, {
      cause: `${first?.ErrorCode}: ${first?.ErrorMessage}`,
    });
  }
}
