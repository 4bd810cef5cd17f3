// An SSM SecureString parameter holding a secret (the ingest token, the database URL). Read with
// decryption to compare; a plan only ever says that the value differs, never what it is.
import {
  AddTagsToResourceCommand,
  DeleteParameterCommand,
  GetParameterCommand,
  type GetParameterCommandOutput,
  ListTagsForResourceCommand,
  ParameterNotFound,
  PutParameterCommand,
  RemoveTagsFromResourceCommand,
} from '@aws-sdk/client-ssm';
import { parameterArn } from '../../pipeline/arns.js';
import type { ParameterSpec, Tags } from '../../pipeline/types.js';
import { diffTags, fromTagList, tagReasons, tagsChanged, toTagList } from '../tags.js';
import type { ProvisionContext, Reconciler } from '../types.js';

export interface ObservedParameter {
  arn: string;
  type: string | undefined;
  /** Decrypted: kept in memory for the comparison only. */
  value: string | undefined;
  version: number | undefined;
  tags: Tags;
}

export const parameterReconciler: Reconciler<ParameterSpec, ObservedParameter> = {
  async describe(spec, ctx) {
    const { ssm } = ctx.clients;
    let found: GetParameterCommandOutput;
    try {
      found = await ssm.send(new GetParameterCommand({ Name: spec.name, WithDecryption: true }));
    } catch (error) {
      if (error instanceof ParameterNotFound) return undefined;
      throw error;
    }
    const tags = await ssm.send(
      new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: spec.name }),
    );
    return {
      arn: found.Parameter?.ARN ?? parameterArn(ctx.account, spec.name),
      type: found.Parameter?.Type,
      value: found.Parameter?.Value,
      version: found.Parameter?.Version,
      tags: fromTagList(tags.TagList),
    };
  },

  diff(spec, observed) {
    const reasons: string[] = [];
    if (observed.type !== spec.type) reasons.push(`type ${observed.type ?? 'unset'} → ${spec.type}`);
    // Only that it differs: the value is a secret and plans are printed and logged.
    if (observed.value !== spec.value) reasons.push('value differs (secret, not shown)');
    return [...reasons, ...tagReasons(spec.tags, observed.tags)];
  },

  async create(spec, ctx) {
    await ctx.clients.ssm.send(
      new PutParameterCommand({
        Name: spec.name,
        Value: spec.value,
        Type: spec.type,
        Description: spec.description,
        Tags: toTagList(spec.tags),
      }),
    );
    return { arn: parameterArn(ctx.account, spec.name) };
  },

  async update(spec, observed, ctx) {
    const { ssm } = ctx.clients;
    if (observed.value !== spec.value || observed.type !== spec.type) {
      // SSM refuses Tags together with Overwrite: tags are reconciled separately below.
      await ssm.send(
        new PutParameterCommand({
          Name: spec.name,
          Value: spec.value,
          Type: spec.type,
          Description: spec.description,
          Overwrite: true,
        }),
      );
    }
    await updateTags(spec, observed, ctx);
    return { arn: observed.arn };
  },

  outputs: (_spec, observed) => ({ arn: observed.arn, version: String(observed.version ?? '') }),

  async delete(spec, _observed, ctx) {
    try {
      await ctx.clients.ssm.send(new DeleteParameterCommand({ Name: spec.name }));
    } catch (error) {
      // Gone meanwhile is what teardown wanted.
      if (!(error instanceof ParameterNotFound)) throw error;
    }
  },
};

async function updateTags(spec: ParameterSpec, observed: ObservedParameter, ctx: ProvisionContext) {
  const tags = diffTags(spec.tags, observed.tags);
  if (!tagsChanged(tags)) return;
  const target = { ResourceType: 'Parameter' as const, ResourceId: spec.name };
  if (Object.keys(tags.set).length > 0) {
    await ctx.clients.ssm.send(new AddTagsToResourceCommand({ ...target, Tags: toTagList(tags.set) }));
  }
  if (tags.remove.length > 0) {
    await ctx.clients.ssm.send(new RemoveTagsFromResourceCommand({ ...target, TagKeys: tags.remove }));
  }
}
