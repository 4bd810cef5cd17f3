// CloudWatch log group of one function: created up front so it carries a retention (Lambda
// would otherwise create it on first invocation, keeping logs forever).
import {
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  ListTagsForResourceCommand,
  PutRetentionPolicyCommand,
  ResourceAlreadyExistsException,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { logGroupArn } from '../../pipeline/arns.js';
import type { LogGroupSpec, Tags } from '../../pipeline/types.js';
import { diffTags, tagReasons, tagsChanged } from '../tags.js';
import type { ProvisionContext, Reconciler } from '../types.js';

export interface ObservedLogGroup {
  arn: string;
  retentionDays: number | undefined;
  tags: Tags;
}

export const logGroupReconciler: Reconciler<LogGroupSpec, ObservedLogGroup> = {
  async describe(spec, ctx) {
    const { logs } = ctx.clients;
    let nextToken: string | undefined;
    do {
      const page = await logs.send(
        new DescribeLogGroupsCommand({ logGroupNamePrefix: spec.name, nextToken }),
      );
      const found = page.logGroups?.find((g) => g.logGroupName === spec.name);
      if (found) {
        // The tagging API wants the ARN without the `:*` that DescribeLogGroups appends.
        const arn = logGroupArn(ctx.account, spec.name);
        const tags = await logs.send(new ListTagsForResourceCommand({ resourceArn: arn }));
        return { arn, retentionDays: found.retentionInDays, tags: tags.tags ?? {} };
      }
      nextToken = page.nextToken;
    } while (nextToken);
    return undefined;
  },

  diff(spec, observed) {
    const reasons =
      observed.retentionDays === spec.retentionDays
        ? []
        : [`retention ${observed.retentionDays ?? 'never expires'} → ${spec.retentionDays} days`];
    return [...reasons, ...tagReasons(spec.tags, observed.tags)];
  },

  async create(spec, ctx) {
    try {
      await ctx.clients.logs.send(new CreateLogGroupCommand({ logGroupName: spec.name, tags: spec.tags }));
    } catch (error) {
      // Lambda creates the group itself if the function ran before we got here; adopt it.
      if (!(error instanceof ResourceAlreadyExistsException)) throw error;
      return logGroupReconciler.update(spec, { arn: '', retentionDays: undefined, tags: {} }, ctx);
    }
    await putRetention(spec, ctx);
    return { arn: logGroupArn(ctx.account, spec.name) };
  },

  async update(spec, observed, ctx) {
    if (observed.retentionDays !== spec.retentionDays) await putRetention(spec, ctx);
    const tags = diffTags(spec.tags, observed.tags);
    if (tagsChanged(tags)) {
      const resourceArn = logGroupArn(ctx.account, spec.name);
      if (Object.keys(tags.set).length > 0) {
        await ctx.clients.logs.send(new TagResourceCommand({ resourceArn, tags: tags.set }));
      }
      if (tags.remove.length > 0) {
        await ctx.clients.logs.send(new UntagResourceCommand({ resourceArn, tagKeys: tags.remove }));
      }
    }
    return { arn: logGroupArn(ctx.account, spec.name) };
  },

  outputs: (_spec, observed) => ({ arn: observed.arn }),

  async delete(spec, _observed, ctx) {
    await ctx.clients.logs.send(new DeleteLogGroupCommand({ logGroupName: spec.name }));
  },
};

const putRetention = (spec: LogGroupSpec, ctx: ProvisionContext) =>
  ctx.clients.logs.send(
    new PutRetentionPolicyCommand({ logGroupName: spec.name, retentionInDays: spec.retentionDays }),
  );
