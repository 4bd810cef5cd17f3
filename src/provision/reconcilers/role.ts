// IAM execution role of one function: trust policy for Lambda and exactly one inline policy.
// Any other inline or attached managed policy is reported and removed (least privilege).
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  type IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { isNotFound } from '../../aws/errors.js';
import { parsePolicy, samePolicy } from '../../pipeline/policy.js';
import type { RoleSpec, Tags } from '../../pipeline/types.js';
import { diffTags, fromTagList, tagReasons, tagsChanged, toTagList } from '../tags.js';
import type { Reconciler } from '../types.js';

export interface ObservedRole {
  arn: string;
  trust: unknown;
  tags: Tags;
  inlineNames: string[];
  /** The desired inline policy's current document, when present. */
  inline: unknown;
  attached: Array<{ name: string; arn: string }>;
}

export const roleReconciler: Reconciler<RoleSpec, ObservedRole> = {
  async describe(spec, ctx) {
    const { iam } = ctx.clients;
    let role: Awaited<ReturnType<typeof getRole>>;
    try {
      role = await getRole(iam, spec.name);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    const inlineNames = await listInline(iam, spec.name);
    const inline = inlineNames.includes(spec.policyName)
      ? parsePolicy(
          (await iam.send(new GetRolePolicyCommand({ RoleName: spec.name, PolicyName: spec.policyName })))
            .PolicyDocument ?? '{}',
        )
      : undefined;
    return {
      arn: role?.Arn ?? '',
      trust: parsePolicy(role?.AssumeRolePolicyDocument ?? '{}'),
      tags: fromTagList(role?.Tags),
      inlineNames,
      inline,
      attached: await listAttached(iam, spec.name),
    };
  },

  diff(spec, o) {
    const reasons: string[] = [];
    if (!samePolicy(spec.assumeRolePolicy, o.trust)) reasons.push('trust policy differs');
    if (o.inline === undefined) reasons.push(`inline policy ${spec.policyName} missing`);
    else if (!samePolicy(spec.policy, o.inline)) reasons.push(`inline policy ${spec.policyName} differs`);
    for (const extra of o.inlineNames.filter((n) => n !== spec.policyName)) {
      reasons.push(`extra inline policy ${extra}`);
    }
    for (const attached of o.attached) reasons.push(`managed policy ${attached.name} attached`);
    return [...reasons, ...tagReasons(spec.tags, o.tags)];
  },

  async create(spec, ctx) {
    const { iam } = ctx.clients;
    const created = await iam.send(
      new CreateRoleCommand({
        RoleName: spec.name,
        Description: spec.description,
        AssumeRolePolicyDocument: JSON.stringify(spec.assumeRolePolicy),
        Tags: toTagList(spec.tags),
      }),
    );
    await putInline(iam, spec);
    return { arn: created.Role?.Arn ?? '' };
  },

  async update(spec, o, ctx) {
    const { iam } = ctx.clients;
    const RoleName = spec.name;
    if (!samePolicy(spec.assumeRolePolicy, o.trust)) {
      await iam.send(
        new UpdateAssumeRolePolicyCommand({
          RoleName,
          PolicyDocument: JSON.stringify(spec.assumeRolePolicy),
        }),
      );
    }
    if (o.inline === undefined || !samePolicy(spec.policy, o.inline)) await putInline(iam, spec);
    for (const extra of o.inlineNames.filter((n) => n !== spec.policyName)) {
      await iam.send(new DeleteRolePolicyCommand({ RoleName, PolicyName: extra }));
    }
    for (const attached of o.attached) {
      await iam.send(new DetachRolePolicyCommand({ RoleName, PolicyArn: attached.arn }));
    }
    const tags = diffTags(spec.tags, o.tags);
    if (tagsChanged(tags)) {
      if (Object.keys(tags.set).length > 0)
        await iam.send(new TagRoleCommand({ RoleName, Tags: toTagList(tags.set) }));
      if (tags.remove.length > 0) await iam.send(new UntagRoleCommand({ RoleName, TagKeys: tags.remove }));
    }
    return { arn: o.arn };
  },

  outputs: (_spec, o) => ({ arn: o.arn }),

  async delete(spec, o, ctx) {
    const { iam } = ctx.clients;
    // IAM refuses to delete a role that still has policies.
    for (const name of o.inlineNames)
      await iam.send(new DeleteRolePolicyCommand({ RoleName: spec.name, PolicyName: name }));
    for (const attached of o.attached) {
      await iam.send(new DetachRolePolicyCommand({ RoleName: spec.name, PolicyArn: attached.arn }));
    }
    await iam.send(new DeleteRoleCommand({ RoleName: spec.name }));
  },
};

const getRole = async (iam: IAMClient, name: string) =>
  (await iam.send(new GetRoleCommand({ RoleName: name }))).Role;

const putInline = (iam: IAMClient, spec: RoleSpec) =>
  iam.send(
    new PutRolePolicyCommand({
      RoleName: spec.name,
      PolicyName: spec.policyName,
      PolicyDocument: JSON.stringify(spec.policy),
    }),
  );

async function listInline(iam: IAMClient, roleName: string): Promise<string[]> {
  const names: string[] = [];
  let marker: string | undefined;
  do {
    const page = await iam.send(new ListRolePoliciesCommand({ RoleName: roleName, Marker: marker }));
    names.push(...(page.PolicyNames ?? []));
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return names;
}

async function listAttached(iam: IAMClient, roleName: string): Promise<Array<{ name: string; arn: string }>> {
  const out: Array<{ name: string; arn: string }> = [];
  let marker: string | undefined;
  do {
    const page = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName, Marker: marker }));
    for (const p of page.AttachedPolicies ?? [])
      out.push({ name: p.PolicyName ?? '', arn: p.PolicyArn ?? '' });
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return out;
}
