// SSM's request constraints reported AWS's way: model violations as one ValidationException
// ("1 validation error detected: Value '…' at 'member' failed to satisfy constraint: …").

import { AwsServiceError } from '../../errors.js';
import type { TagRecord } from './store.js';

export const validation = (message: string): AwsServiceError =>
  new AwsServiceError('ValidationException', message, 400);

const show = (value: unknown): string => {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `'[${value.map(String).join(', ')}]'`;
  return `'${String(value)}'`;
};

/** Collects model violations and throws them together, as AWS's front end does. */
export class Violations {
  private readonly items: string[] = [];

  add(value: unknown, member: string, constraint: string): void {
    this.items.push(`Value ${show(value)} at '${member}' failed to satisfy constraint: ${constraint}`);
  }

  length(value: string | unknown[] | undefined, member: string, min: number, max: number): void {
    if (value === undefined) return;
    if (value.length < min)
      this.add(value, member, `Member must have length greater than or equal to ${min}`);
    if (value.length > max) this.add(value, member, `Member must have length less than or equal to ${max}`);
  }

  range(value: number | undefined, member: string, min: number, max: number): void {
    if (value === undefined) return;
    if (value < min) this.add(value, member, `Member must have value greater than or equal to ${min}`);
    if (value > max) this.add(value, member, `Member must have value less than or equal to ${max}`);
  }

  oneOf(value: string | undefined, member: string, allowed: readonly string[]): void {
    if (value !== undefined && !allowed.includes(value))
      this.add(value, member, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
  }

  required(value: unknown, member: string): void {
    if (value === undefined || value === null) this.add(value, member, 'Member must not be null');
  }

  check(): void {
    const n = this.items.length;
    if (n === 0) return;
    throw validation(`${n} validation error${n > 1 ? 's' : ''} detected: ${this.items.join('; ')}`);
  }
}

/** A single model violation. */
export const coral = (value: unknown, member: string, constraint: string): AwsServiceError =>
  validation(
    `1 validation error detected: Value ${show(value)} at '${member}' failed to satisfy constraint: ${constraint}`,
  );

// Enum orders as AWS prints them in its messages.
export const PARAMETER_TYPES = ['SecureString', 'StringList', 'String'] as const;
export const TIERS = ['Advanced', 'Intelligent-Tiering', 'Standard'] as const;
export const RESOURCE_TYPES = [
  'Document',
  'ManagedInstance',
  'MaintenanceWindow',
  'Parameter',
  'PatchBaseline',
  'OpsItem',
  'OpsMetadata',
  'Automation',
  'Association',
] as const;
export const DATA_TYPES = ['text', 'aws:ec2:image', 'aws:ssm:integration'];

const TAG_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const TAG_PATTERN_TEXT = '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$';
/** Tags a parameter may carry. */
export const MAX_TAGS = 50;

/** Tag list constraints from the model (member names as AWS reports them: `tags.1.member.key`). */
export function checkTags(
  v: Violations,
  tags: { Key?: string; Value?: string }[] | undefined,
  member = 'tags',
): void {
  if (!tags) return;
  v.length(tags, member, 0, 1000);
  tags.forEach((tag, i) => {
    const at = `${member}.${i + 1}.member`;
    v.required(tag.Key, `${at}.key`);
    v.required(tag.Value, `${at}.value`);
    if (tag.Key !== undefined) {
      v.length(tag.Key, `${at}.key`, 1, 128);
      if (!TAG_PATTERN.test(tag.Key))
        v.add(tag.Key, `${at}.key`, `Member must satisfy regular expression pattern: ${TAG_PATTERN_TEXT}`);
    }
    if (tag.Value !== undefined) {
      v.length(tag.Value, `${at}.value`, 0, 256);
      if (!TAG_PATTERN.test(tag.Value))
        v.add(
          tag.Value,
          `${at}.value`,
          `Member must satisfy regular expression pattern: ${TAG_PATTERN_TEXT}`,
        );
    }
  });
}

export const toTagRecords = (tags: { Key?: string; Value?: string }[] | undefined): TagRecord[] =>
  (tags ?? []).map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' }));

/** Adding tags past the per-resource limit. */
export function checkTagLimit(existing: TagRecord[], added: TagRecord[]): void {
  const keys = new Set(existing.map((t) => t.Key));
  for (const t of added) keys.add(t.Key);
  if (keys.size > MAX_TAGS)
    throw new AwsServiceError(
      'TooManyTagsError',
      `A resource can have at most ${MAX_TAGS} tags; this request would leave it with ${keys.size}.`,
      400,
    );
}
