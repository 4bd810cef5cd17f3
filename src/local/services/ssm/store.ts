// Parameter Store's durable state: each parameter with its version history (the last 100, as AWS
// keeps) and tags. SecureString values are held here only as sealed envelopes (secureString.ts).

import type { Durable } from '../../persistence/journal.js';

export interface TagRecord {
  Key: string;
  Value: string;
}

/** One version of a parameter, exactly as the journal and snapshot hold it. */
export interface VersionRecord {
  version: number;
  type: 'String' | 'StringList' | 'SecureString';
  /** Plain text for String/StringList; a sealed envelope (base64) for SecureString. */
  value: string;
  keyId?: string;
  description?: string;
  allowedPattern?: string;
  tier: 'Standard' | 'Advanced';
  dataType: string;
  policies?: string;
  /** Epoch milliseconds. */
  lastModified: number;
  lastModifiedUser: string;
  labels: string[];
}

export interface ParameterRecord {
  /** The name as first created ("/foo" and "foo" are one parameter; AWS keeps the first spelling). */
  name: string;
  /** Oldest first; the last entry is the current version. */
  history: VersionRecord[];
  tags: TagRecord[];
}

/** Parameter Store retains this many versions; older ones drop off as new ones arrive. */
export const VERSION_LIMIT = 100;

export type SsmRecord =
  | { t: 'put'; d: { key: string; name: string; version: VersionRecord; tags?: TagRecord[] } }
  | { t: 'delete'; d: { keys: string[] } }
  | { t: 'tag'; d: { key: string; tags: TagRecord[] } }
  | { t: 'untag'; d: { key: string; keys: string[] } }
  | { t: 'label'; d: { key: string; version: number; labels: string[] } }
  | { t: 'unlabel'; d: { key: string; version: number; labels: string[] } };

/**
 * The lookup key of a name: a single-level name is the same parameter with or without its
 * leading slash (`/foo` is `foo`), while `/a/b` is a path and keeps it.
 */
export function paramKey(name: string): string {
  const stripped = name.startsWith('/') ? name.slice(1) : name;
  return stripped.includes('/') ? name : stripped;
}

export class SsmParameters implements Durable {
  readonly name = 'ssm';
  readonly byKey = new Map<string, ParameterRecord>();

  get(name: string): ParameterRecord | undefined {
    return this.byKey.get(paramKey(name));
  }

  apply(type: string, data: unknown): void {
    const record = { t: type, d: data } as SsmRecord;
    switch (record.t) {
      case 'put': {
        let param = this.byKey.get(record.d.key);
        if (!param) {
          param = { name: record.d.name, history: [], tags: [] };
          this.byKey.set(record.d.key, param);
        }
        param.history.push(structuredClone(record.d.version));
        if (param.history.length > VERSION_LIMIT)
          param.history.splice(0, param.history.length - VERSION_LIMIT);
        if (record.d.tags) param.tags = mergeTags(param.tags, record.d.tags);
        return;
      }
      case 'delete':
        for (const key of record.d.keys) this.byKey.delete(key);
        return;
      case 'tag': {
        const param = this.byKey.get(record.d.key);
        if (param) param.tags = mergeTags(param.tags, record.d.tags);
        return;
      }
      case 'untag': {
        const param = this.byKey.get(record.d.key);
        if (!param) return;
        const drop = new Set(record.d.keys);
        param.tags = param.tags.filter((t) => !drop.has(t.Key));
        return;
      }
      case 'label': {
        const param = this.byKey.get(record.d.key);
        if (!param) return;
        // A label names one version at a time: attaching it here moves it off any other version.
        const moving = new Set(record.d.labels);
        for (const v of param.history) {
          if (v.version === record.d.version) {
            for (const label of record.d.labels) if (!v.labels.includes(label)) v.labels.push(label);
          } else {
            v.labels = v.labels.filter((l) => !moving.has(l));
          }
        }
        return;
      }
      case 'unlabel': {
        const v = this.byKey.get(record.d.key)?.history.find((h) => h.version === record.d.version);
        if (!v) return;
        const drop = new Set(record.d.labels);
        v.labels = v.labels.filter((l) => !drop.has(l));
        return;
      }
    }
  }

  snapshot(): unknown {
    return { params: [...this.byKey.entries()] };
  }

  restore(snapshot: unknown): void {
    this.byKey.clear();
    for (const [key, param] of (snapshot as { params?: [string, ParameterRecord][] }).params ?? [])
      this.byKey.set(key, param);
  }
}

/** Tag keys are case-sensitive in SSM: a new value for an existing key replaces it in place. */
export function mergeTags(existing: TagRecord[], added: TagRecord[]): TagRecord[] {
  const out = existing.map((t) => ({ ...t }));
  for (const tag of added) {
    const i = out.findIndex((t) => t.Key === tag.Key);
    if (i >= 0) out[i] = { Key: tag.Key, Value: tag.Value };
    else out.push({ Key: tag.Key, Value: tag.Value });
  }
  return out;
}
