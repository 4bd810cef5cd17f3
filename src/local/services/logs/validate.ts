// CloudWatch Logs' request constraints, reported the way the service does: every violation in one
// InvalidParameterException ("1 validation error detected: Value '…' at 'logGroupName' …").

import { AwsServiceError } from '../../errors.js';
import { Violations as BaseViolations } from '../../violations.js';

const GROUP_NAME = /^[.\-_/#A-Za-z0-9]+$/;
const STREAM_NAME = /^[^:*]*$/;
const TAG_KEY = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]+)$/u;
const TAG_VALUE = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u;

/** The only retention periods PutRetentionPolicy accepts. */
export const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

export const MAX_TAGS = 50;

export const invalidParameter = (message: string): AwsServiceError =>
  new AwsServiceError('InvalidParameterException', message, 400);

/** CloudWatch Logs reports constraint violations as InvalidParameterException. */
export class Violations extends BaseViolations {
  constructor() {
    super('InvalidParameterException');
  }
}

export const groupName = (
  v: Violations,
  value: string | undefined,
  required = true,
  member = 'logGroupName',
): void =>
  v.string(value, member, {
    required,
    min: 1,
    max: 512,
    pattern: GROUP_NAME,
    patternText: '[\\.\\-_/#A-Za-z0-9]+',
  });

export const streamName = (
  v: Violations,
  value: string | undefined,
  required = true,
  member = 'logStreamName',
): void =>
  v.string(value, member, { required, min: 1, max: 512, pattern: STREAM_NAME, patternText: '[^:*]*' });

export function tagMap(v: Violations, tags: Record<string, string> | undefined, member = 'tags'): void {
  if (!tags) return;
  const entries = Object.entries(tags);
  if (entries.length > MAX_TAGS)
    v.add(tags, member, `Member must have length less than or equal to ${MAX_TAGS}`);
  if (entries.length === 0) v.add('{}', member, 'Member must have length greater than or equal to 1');
  for (const [key, value] of entries) {
    v.string(key, `${member}.key`, {
      min: 1,
      max: 128,
      pattern: TAG_KEY,
      patternText: '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+)$',
    });
    v.string(value, `${member}.${key}.member`, {
      max: 256,
      pattern: TAG_VALUE,
      patternText: '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$',
    });
  }
}

export function tagKeyList(v: Violations, keys: string[] | undefined, member: string): void {
  if (!keys) {
    v.add(undefined, member, 'Member must not be null');
    return;
  }
  if (keys.length === 0) v.add('[]', member, 'Member must have length greater than or equal to 1');
  if (keys.length > MAX_TAGS)
    v.add(keys, member, `Member must have length less than or equal to ${MAX_TAGS}`);
}

export function retention(v: Violations, days: number | undefined): void {
  if (days === undefined) v.add(days, 'retentionInDays', 'Member must not be null');
  else if (!RETENTION_DAYS.includes(days))
    v.add(days, 'retentionInDays', `Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`);
}
