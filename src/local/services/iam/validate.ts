// IAM's request constraints (from the service model) checked the way AWS reports them: every
// violation collected into one `ValidationError` ("2 validation errors detected: …").

import { AwsServiceError } from '../../errors.js';
import { Violations as BaseViolations } from '../../violations.js';
import type { TagRecord } from './store.js';

export const ROLE_NAME = /^[\w+=,.@-]+$/;
const PATH = /^(\/|\/[\u0021-\u007e]+\/)$/;
const PATH_PREFIX = /^\/[\u0021-\u007f]*$/;
const DESCRIPTION = /^[\t\n\r\u0020-\u007e\u00a1-\u00ff]*$/;
const POLICY_DOCUMENT = /^[\t\n\r\u0020-\u00ff]+$/;
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const MARKER = /^[\u0020-\u00ff]+$/;

export const MAX_TAGS = 50;

/** IAM reports constraint violations as ValidationError. */
export class Violations extends BaseViolations {
  constructor() {
    super('ValidationError');
  }
}

export const roleName = (v: Violations, value: string | undefined, member = 'roleName'): void =>
  v.string(value, member, {
    required: true,
    min: 1,
    max: 64,
    pattern: ROLE_NAME,
    patternText: '[\\w+=,.@-]+',
  });

export const policyName = (v: Violations, value: string | undefined): void =>
  v.string(value, 'policyName', {
    required: true,
    min: 1,
    max: 128,
    pattern: ROLE_NAME,
    patternText: '[\\w+=,.@-]+',
  });

export const rolePath = (v: Violations, value: string | undefined): void =>
  v.string(value, 'path', {
    min: 1,
    max: 512,
    pattern: PATH,
    patternText: '(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)',
  });

export const pathPrefix = (v: Violations, value: string | undefined): void =>
  v.string(value, 'pathPrefix', {
    min: 1,
    max: 512,
    pattern: PATH_PREFIX,
    patternText: '\\u002F[\\u0021-\\u007F]*',
  });

export const description = (v: Violations, value: string | undefined): void =>
  v.string(value, 'description', {
    max: 1000,
    pattern: DESCRIPTION,
    patternText: '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*',
  });

export const maxSessionDuration = (v: Violations, value: number | undefined): void =>
  v.number(value, 'maxSessionDuration', 3600, 43200);

export const policyDocument = (v: Violations, value: string | undefined, member: string): void =>
  v.string(value, member, {
    required: true,
    min: 1,
    max: 131072,
    pattern: POLICY_DOCUMENT,
    patternText: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+',
  });

/** Marker/MaxItems of IAM's List* calls. */
export function paging(v: Violations, marker: string | undefined, maxItems: number | undefined): void {
  v.string(marker, 'marker', { min: 1, max: 320, pattern: MARKER, patternText: '[\\u0020-\\u00FF]+' });
  v.number(maxItems, 'maxItems', 1, 1000);
}

export function tags(v: Violations, value: { Key?: string; Value?: string }[] | undefined): void {
  if (!value) return;
  v.listLength(value, 'tags', MAX_TAGS);
  value.forEach((tag, i) => {
    const at = `tags.${i + 1}.member`;
    v.string(tag.Key, `${at}.key`, {
      required: true,
      min: 1,
      max: 128,
      pattern: TAG_KEY,
      patternText: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+',
    });
    v.string(tag.Value, `${at}.value`, {
      required: true,
      max: 256,
      pattern: TAG_VALUE,
      patternText: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*',
    });
  });
}

export function tagKeys(v: Violations, value: string[] | undefined): void {
  if (!v.required(value, 'tagKeys') || !value) return;
  v.listLength(value, 'tagKeys', MAX_TAGS);
  value.forEach((key, i) => {
    v.string(key, `tagKeys.${i + 1}.member`, {
      min: 1,
      max: 128,
      pattern: TAG_KEY,
      patternText: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+',
    });
  });
}

/** Checked after the constraints: one request may not name the same key twice (case-insensitively). */
export function uniqueTags(value: { Key?: string; Value?: string }[] | undefined): TagRecord[] {
  const out: TagRecord[] = [];
  const seen = new Set<string>();
  for (const tag of value ?? []) {
    const key = (tag.Key ?? '').toLowerCase();
    if (seen.has(key)) {
      throw new AwsServiceError(
        'InvalidInput',
        'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
        400,
      );
    }
    seen.add(key);
    out.push({ Key: tag.Key ?? '', Value: tag.Value ?? '' });
  }
  return out;
}

export const noSuchRole = (name: string): AwsServiceError =>
  new AwsServiceError('NoSuchEntity', `The role with name ${name} cannot be found.`, 404);
