// Tag comparison shared by every reconciler. Keys under `aws:` are AWS's own and never touched.
import type { Tags } from '../pipeline/types.js';

export interface TagDiff {
  set: Tags;
  remove: string[];
}

export function diffTags(desired: Tags, actual: Tags | undefined): TagDiff {
  const current = actual ?? {};
  const set: Tags = {};
  for (const [k, v] of Object.entries(desired)) if (current[k] !== v) set[k] = v;
  const remove = Object.keys(current).filter((k) => !(k in desired) && !k.startsWith('aws:'));
  return { set, remove };
}

export const tagsChanged = (d: TagDiff): boolean => Object.keys(d.set).length > 0 || d.remove.length > 0;

/** `tags differ (team, faas:flow)` or nothing. */
export function tagReasons(desired: Tags, actual: Tags | undefined): string[] {
  const d = diffTags(desired, actual);
  return tagsChanged(d) ? [`tags differ (${[...Object.keys(d.set), ...d.remove].join(', ')})`] : [];
}

export const toTagList = (tags: Tags): Array<{ Key: string; Value: string }> =>
  Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

export const fromTagList = (list: ReadonlyArray<{ Key?: string; Value?: string }> | undefined): Tags =>
  Object.fromEntries((list ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
