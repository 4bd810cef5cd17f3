// IAM in memory: roles with a trust policy, inline and attached policies, tags.
import {
  DeleteConflictException,
  EntityAlreadyExistsException,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import { type Handlers, sdkError } from './core.js';

export interface FakeRole {
  arn: string;
  trust: string;
  description?: string;
  tags: Record<string, string>;
  inline: Map<string, string>;
  attached: Array<{ PolicyName: string; PolicyArn: string }>;
}

const tagList = (tags: Record<string, string>) =>
  Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

export function iamHandlers(roles: Map<string, FakeRole>, account: string): Handlers {
  const get = (name: string): FakeRole => {
    const role = roles.get(name);
    if (!role) throw sdkError(NoSuchEntityException, `The role with name ${name} cannot be found.`);
    return role;
  };
  return {
    CreateRole: (i) => {
      if (roles.has(i.RoleName))
        throw sdkError(EntityAlreadyExistsException, `Role with name ${i.RoleName} already exists.`);
      const role: FakeRole = {
        arn: `arn:aws:iam::${account}:role/${i.RoleName}`,
        trust: i.AssumeRolePolicyDocument,
        description: i.Description,
        tags: Object.fromEntries((i.Tags ?? []).map((t: { Key: string; Value: string }) => [t.Key, t.Value])),
        inline: new Map(),
        attached: [],
      };
      roles.set(i.RoleName, role);
      return { Role: { RoleName: i.RoleName, Arn: role.arn } };
    },
    // IAM returns policy documents URL-encoded.
    GetRole: (i) => {
      const r = get(i.RoleName);
      return {
        Role: {
          RoleName: i.RoleName,
          Arn: r.arn,
          AssumeRolePolicyDocument: encodeURIComponent(r.trust),
          Tags: tagList(r.tags),
        },
      };
    },
    UpdateAssumeRolePolicy: (i) => {
      get(i.RoleName).trust = i.PolicyDocument;
      return {};
    },
    PutRolePolicy: (i) => {
      get(i.RoleName).inline.set(i.PolicyName, i.PolicyDocument);
      return {};
    },
    GetRolePolicy: (i) => {
      const doc = get(i.RoleName).inline.get(i.PolicyName);
      if (doc === undefined)
        throw sdkError(NoSuchEntityException, `The role policy ${i.PolicyName} cannot be found.`);
      return { RoleName: i.RoleName, PolicyName: i.PolicyName, PolicyDocument: encodeURIComponent(doc) };
    },
    ListRolePolicies: (i) => ({ PolicyNames: [...get(i.RoleName).inline.keys()], IsTruncated: false }),
    DeleteRolePolicy: (i) => {
      const r = get(i.RoleName);
      if (!r.inline.delete(i.PolicyName)) throw sdkError(NoSuchEntityException, 'no such policy');
      return {};
    },
    ListAttachedRolePolicies: (i) => ({ AttachedPolicies: get(i.RoleName).attached, IsTruncated: false }),
    DetachRolePolicy: (i) => {
      const r = get(i.RoleName);
      r.attached = r.attached.filter((p) => p.PolicyArn !== i.PolicyArn);
      return {};
    },
    TagRole: (i) => {
      const r = get(i.RoleName);
      for (const t of i.Tags) r.tags[t.Key] = t.Value;
      return {};
    },
    UntagRole: (i) => {
      const r = get(i.RoleName);
      for (const k of i.TagKeys) delete r.tags[k];
      return {};
    },
    DeleteRole: (i) => {
      const r = get(i.RoleName);
      if (r.inline.size > 0 || r.attached.length > 0) {
        throw sdkError(DeleteConflictException, 'Cannot delete entity, must delete policies first.');
      }
      roles.delete(i.RoleName);
      return {};
    },
  };
}
