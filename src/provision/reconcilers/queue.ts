// An SQS queue (FIFO for the webhook flow) with its redrive policy and tags. SQS names are unique
// per account and region, so the queue is found by name through GetQueueUrl.
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueueTagsCommand,
  SetQueueAttributesCommand,
  TagQueueCommand,
  UntagQueueCommand,
} from '@aws-sdk/client-sqs';
import { isNotFound } from '../../aws/errors.js';
import type { QueueSpec, Tags } from '../../pipeline/types.js';
import { diffTags, tagReasons, tagsChanged } from '../tags.js';
import type { Reconciler } from '../types.js';

export interface ObservedQueue {
  url: string;
  arn: string;
  attributes: Record<string, string>;
  tags: Tags;
}

/** The attributes faas manages, as SQS spells them (all strings). */
export function queueAttributes(spec: QueueSpec): Record<string, string> {
  return {
    VisibilityTimeout: String(spec.visibilityTimeoutSeconds),
    MessageRetentionPeriod: String(spec.messageRetentionSeconds),
    ...(spec.fifo ? { ContentBasedDeduplication: String(spec.contentBasedDeduplication) } : {}),
    // SQS returns the policy as JSON text; an empty string removes it.
    RedrivePolicy: spec.redrive
      ? JSON.stringify({
          deadLetterTargetArn: spec.redrive.deadLetterTargetArn,
          maxReceiveCount: spec.redrive.maxReceiveCount,
        })
      : '',
  };
}

/** Attributes whose value differs, compared by meaning (the redrive policy as parsed JSON). */
function differingAttributes(spec: QueueSpec, actual: Record<string, string>): string[] {
  const desired = queueAttributes(spec);
  return Object.keys(desired).filter((name) => {
    if (name === 'RedrivePolicy') return !sameRedrive(desired[name]!, actual[name] ?? '');
    return desired[name] !== (actual[name] ?? '');
  });
}

function sameRedrive(desired: string, actual: string): boolean {
  if (desired === '' || actual === '') return desired === actual;
  const a = JSON.parse(desired) as { deadLetterTargetArn: string; maxReceiveCount: number };
  const b = JSON.parse(actual) as { deadLetterTargetArn?: string; maxReceiveCount?: number | string };
  return a.deadLetterTargetArn === b.deadLetterTargetArn && a.maxReceiveCount === Number(b.maxReceiveCount);
}

export const queueReconciler: Reconciler<QueueSpec, ObservedQueue> = {
  async describe(spec, ctx) {
    const { sqs } = ctx.clients;
    let url: string;
    try {
      url = (await sqs.send(new GetQueueUrlCommand({ QueueName: spec.name }))).QueueUrl ?? '';
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    const [attrs, tags] = await Promise.all([
      sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] })),
      sqs.send(new ListQueueTagsCommand({ QueueUrl: url })),
    ]);
    const attributes = (attrs.Attributes ?? {}) as Record<string, string>;
    return { url, arn: attributes['QueueArn'] ?? '', attributes, tags: tags.Tags ?? {} };
  },

  diff(spec, o) {
    const reasons = differingAttributes(spec, o.attributes).map(
      (name) => `${name} ${o.attributes[name] || '(none)'} → ${queueAttributes(spec)[name] || '(none)'}`,
    );
    // FifoQueue cannot change after creation: say so rather than promise an update.
    if ((o.attributes['FifoQueue'] === 'true') !== spec.fifo) reasons.push('FIFO type differs (recreate it)');
    return [...reasons, ...tagReasons(spec.tags, o.tags)];
  },

  async create(spec, ctx) {
    const attributes = queueAttributes(spec);
    if (attributes['RedrivePolicy'] === '') delete attributes['RedrivePolicy'];
    const created = await ctx.clients.sqs.send(
      new CreateQueueCommand({
        QueueName: spec.name,
        Attributes: { ...attributes, ...(spec.fifo ? { FifoQueue: 'true' } : {}) },
        tags: spec.tags,
      }),
    );
    const url = created.QueueUrl ?? '';
    const read = await ctx.clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
    );
    return { url, arn: read.Attributes?.QueueArn ?? '' };
  },

  async update(spec, o, ctx) {
    const { sqs } = ctx.clients;
    const desired = queueAttributes(spec);
    const changed = differingAttributes(spec, o.attributes);
    if (changed.length > 0) {
      await sqs.send(
        new SetQueueAttributesCommand({
          QueueUrl: o.url,
          Attributes: Object.fromEntries(changed.map((name) => [name, desired[name]!])),
        }),
      );
    }
    const tags = diffTags(spec.tags, o.tags);
    if (tagsChanged(tags)) {
      if (Object.keys(tags.set).length > 0)
        await sqs.send(new TagQueueCommand({ QueueUrl: o.url, Tags: tags.set }));
      if (tags.remove.length > 0)
        await sqs.send(new UntagQueueCommand({ QueueUrl: o.url, TagKeys: tags.remove }));
    }
    return { url: o.url, arn: o.arn };
  },

  outputs: (_spec, o) => ({ url: o.url, arn: o.arn }),

  async delete(_spec, o, ctx) {
    await ctx.clients.sqs.send(new DeleteQueueCommand({ QueueUrl: o.url }));
  },
};
