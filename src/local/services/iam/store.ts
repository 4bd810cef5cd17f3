// IAM's durable state: roles with their trust policy, inline policies and tags. Names are keyed
// case-insensitively because IAM refuses `MyRole` next to `myrole` and finds either spelling.

import type { Durable } from '../../persistence/journal.js';

export interface TagRecord {
  Key: string;
  Value: string;
}

export interface InlinePolicy {
  name: string;
  document: string;
}

export interface RoleRecord {
  name: string;
  path: string;
  id: string;
  /** Epoch milliseconds. */
  createDate: number;
  assumeRolePolicy: string;
  description?: string;
  maxSessionDuration: number;
  tags: TagRecord[];
  /** Inline policies keyed by lower-cased name, in insertion order. */
  policies: Record<string, InlinePolicy>;
}

/** The journal records IAM writes; each is applied identically live and on replay. */
export type IamRecord =
  | { t: 'createRole'; d: RoleRecord }
  | { t: 'deleteRole'; d: { name: string } }
  | { t: 'updateRole'; d: { name: string; description?: string; maxSessionDuration?: number } }
  | { t: 'updateAssumeRolePolicy'; d: { name: string; document: string } }
  | { t: 'putRolePolicy'; d: { role: string; name: string; document: string } }
  | { t: 'deleteRolePolicy'; d: { role: string; name: string } }
  | { t: 'tagRole'; d: { name: string; tags: TagRecord[] } }
  | { t: 'untagRole'; d: { name: string; keys: string[] } };

export const roleKey = (name: string): string => name.toLowerCase();

export class IamState implements Durable {
  readonly name = 'iam';
  readonly roles = new Map<string, RoleRecord>();

  getRole(name: string): RoleRecord | undefined {
    return this.roles.get(roleKey(name));
  }

  apply(type: string, data: unknown): void {
    const record = { t: type, d: data } as IamRecord;
    switch (record.t) {
      case 'createRole':
        this.roles.set(roleKey(record.d.name), structuredClone(record.d));
        return;
      case 'deleteRole':
        this.roles.delete(roleKey(record.d.name));
        return;
      case 'updateRole': {
        const role = this.getRole(record.d.name);
        if (!role) return;
        if (record.d.description !== undefined) role.description = record.d.description;
        if (record.d.maxSessionDuration !== undefined) role.maxSessionDuration = record.d.maxSessionDuration;
        return;
      }
      case 'updateAssumeRolePolicy': {
        const role = this.getRole(record.d.name);
        if (role) role.assumeRolePolicy = record.d.document;
        return;
      }
      case 'putRolePolicy': {
        const role = this.getRole(record.d.role);
        if (role)
          role.policies[record.d.name.toLowerCase()] = { name: record.d.name, document: record.d.document };
        return;
      }
      case 'deleteRolePolicy': {
        const role = this.getRole(record.d.role);
        if (role) delete role.policies[record.d.name.toLowerCase()];
        return;
      }
      case 'tagRole': {
        const role = this.getRole(record.d.name);
        if (role) role.tags = mergeTags(role.tags, record.d.tags);
        return;
      }
      case 'untagRole': {
        const role = this.getRole(record.d.name);
        if (!role) return;
        const drop = new Set(record.d.keys.map((k) => k.toLowerCase()));
        role.tags = role.tags.filter((t) => !drop.has(t.Key.toLowerCase()));
        return;
      }
    }
  }

  snapshot(): unknown {
    return { roles: [...this.roles.values()] };
  }

  restore(snapshot: unknown): void {
    this.roles.clear();
    for (const role of (snapshot as { roles?: RoleRecord[] }).roles ?? [])
      this.roles.set(roleKey(role.name), role);
  }
}

/** Tag keys are case-insensitive in IAM: a new value for an existing key replaces it in place. */
export function mergeTags(existing: TagRecord[], added: TagRecord[]): TagRecord[] {
  const out = existing.map((t) => ({ ...t }));
  for (const tag of added) {
    const i = out.findIndex((t) => t.Key.toLowerCase() === tag.Key.toLowerCase());
    if (i >= 0) out[i] = { Key: tag.Key, Value: tag.Value };
    else out.push({ Key: tag.Key, Value: tag.Value });
  }
  return out;
}
