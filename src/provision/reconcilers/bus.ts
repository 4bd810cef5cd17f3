// A custom EventBridge bus per flow (the default bus is shared by everything in the account).
import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DescribeEventBusCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-eventbridge';
import { isNotFound } from '../../aws/errors.js';
import { busArn } from '../../pipeline/arns.js';
import type { BusSpec, Tags } from '../../pipeline/types.js';
import { diffTags, fromTagList, tagReasons, tagsChanged, toTagList } from '../tags.js';
import type { ProvisionContext, Reconciler } from '../types.js';

export interface ObservedBus {
  arn: string;
  tags: Tags;
}

export const busReconciler: Reconciler<BusSpec, ObservedBus> = {
  async describe(spec, ctx) {
    const { events } = ctx.clients;
    let arn: string;
    try {
      arn =
        (await events.send(new DescribeEventBusCommand({ Name: spec.name }))).Arn ??
        busArn(ctx.account, spec.name);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    const tags = await events.send(new ListTagsForResourceCommand({ ResourceARN: arn }));
    return { arn, tags: fromTagList(tags.Tags) };
  },

  diff: (spec, o) => tagReasons(spec.tags, o.tags),

  async create(spec, ctx) {
    const created = await ctx.clients.events.send(
      new CreateEventBusCommand({ Name: spec.name, Tags: toTagList(spec.tags) }),
    );
    return { arn: created.EventBusArn ?? busArn(ctx.account, spec.name) };
  },

  async update(spec, o, ctx) {
    await syncEventBridgeTags(ctx, o.arn, spec.tags, o.tags);
    return { arn: o.arn };
  },

  outputs: (_spec, o) => ({ arn: o.arn }),

  async delete(spec, _o, ctx) {
    await ctx.clients.events.send(new DeleteEventBusCommand({ Name: spec.name }));
  },
};

/** Tags on any EventBridge resource (bus or rule) by ARN. */
export async function syncEventBridgeTags(
  ctx: ProvisionContext,
  arn: string,
  desired: Tags,
  actual: Tags,
): Promise<void> {
  const d = diffTags(desired, actual);
  if (!tagsChanged(d)) return;
  const { events } = ctx.clients;
  if (Object.keys(d.set).length > 0) {
    await events.send(new TagResourceCommand({ ResourceARN: arn, Tags: toTagList(d.set) }));
  }
  if (d.remove.length > 0)
    await events.send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: d.remove }));
}
