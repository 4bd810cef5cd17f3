// Shared pieces of the role actions: lookup with AWS's not-found error, the wire view of a role,
// fresh role ids, quotas, and IAM's Marker/MaxItems pagination.

import { randomInt } from 'node:crypto';
import type { Role } from '@aws-sdk/client-iam';
import { AwsServiceError } from '../../errors.js';
import { encodePolicy } from './policyDocument.js';
import type { IamState, RoleRecord } from './store.js';
import { noSuchRole } from './validate.js';

export function requireRole(state: IamState, name: string): RoleRecord {
  const role = state.getRole(name);
  if (!role) throw noSuchRole(name);
  return role;
}

export const roleArn = (accountId: string, role: RoleRecord): string =>
  `arn:aws:iam::${accountId}:role${role.path}${role.name}`;

/** GetRole carries tags and RoleLastUsed, CreateRole only tags, ListRoles neither (as on AWS). */
export function toRole(role: RoleRecord, accountId: string, view: 'get' | 'create' | 'list'): Role {
  return {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.id,
    Arn: roleArn(accountId, role),
    CreateDate: new Date(role.createDate),
    AssumeRolePolicyDocument: encodePolicy(role.assumeRolePolicy),
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration,
    Tags: view !== 'list' && role.tags.length > 0 ? role.tags.map((t) => ({ ...t })) : undefined,
    RoleLastUsed: view === 'get' ? {} : undefined,
  } satisfies Role;
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Role ids are `AROA` plus 17 upper-case base32 characters, like AWS's unique ids. */
export function newRoleId(): string {
  let id = 'AROA';
  for (let i = 0; i < 17; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

/** IAM ignores whitespace when it measures a policy against its size quotas. */
export const policySize = (document: string): number => document.replace(/\s/g, '').length;

export const TRUST_POLICY_QUOTA = 2048;
export const INLINE_POLICY_QUOTA = 10240;

export function checkTrustPolicySize(document: string): void {
  if (policySize(document) > TRUST_POLICY_QUOTA)
    throw new AwsServiceError(
      'LimitExceeded',
      `Cannot exceed quota for ACLSizePerRole: ${TRUST_POLICY_QUOTA}`,
      409,
    );
}

export interface Page<T> {
  items: T[];
  IsTruncated: boolean;
  Marker?: string;
}

/**
 * IAM pagination over items sorted by `key`: the Marker is an opaque token naming the last key
 * returned, so deletions between pages never skip or repeat an item.
 */
export function paginate<T>(
  items: T[],
  key: (item: T) => string,
  marker: string | undefined,
  maxItems: number | undefined,
): Page<T> {
  const sorted = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  let start = 0;
  if (marker !== undefined) {
    const after = decodeMarker(marker);
    start = sorted.findIndex((item) => key(item) > after);
    if (start < 0) start = sorted.length;
  }
  const limit = maxItems ?? 100;
  const page = sorted.slice(start, start + limit);
  const truncated = start + limit < sorted.length;
  return {
    items: page,
    IsTruncated: truncated,
    Marker: truncated ? Buffer.from(key(page[page.length - 1]!), 'utf8').toString('base64url') : undefined,
  };
}

function decodeMarker(marker: string): string {
  const text = Buffer.from(marker, 'base64url').toString('utf8');
  if (Buffer.from(text, 'utf8').toString('base64url') !== marker)
    throw new AwsServiceError('ValidationError', 'Invalid Marker.', 400);
  return text;
}
