// Validation of bucket sub-resources as S3 does it: bucket policies (MalformedPolicy), tag sets
// (InvalidTag), default encryption rules and public access block settings.

import type {
  PublicAccessBlockConfiguration,
  ServerSideEncryptionConfiguration,
  Tag,
} from '@aws-sdk/client-s3';
import { AwsServiceError } from '../../errors.js';
import { invalidArgument, invalidRequest, malformedXml } from './errors.js';

const malformedPolicy = (message: string): AwsServiceError =>
  new AwsServiceError('MalformedPolicy', message, 400);

/** Parses a bucket policy: JSON, a Statement, and per statement Effect, Principal, Action and a Resource in this bucket. */
export function validateBucketPolicy(policy: string | undefined, bucket: string): string {
  const text = (policy ?? '').trim();
  let doc: unknown;
  try {
    if (!text.startsWith('{')) throw malformedPolicy('');
    doc = JSON.parse(text);
  } catch {
    throw malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
  }
  const statements = (doc as { Statement?: unknown }).Statement;
  if (statements === undefined) throw malformedPolicy('Missing required field Statement');
  const list = Array.isArray(statements) ? statements : [statements];
  if (list.length === 0) throw malformedPolicy('Could not parse the policy: Statement is empty!');
  for (const raw of list) {
    if (typeof raw !== 'object' || raw === null) throw malformedPolicy('Statement is not an object');
    const s = raw as Record<string, unknown>;
    if (s.Effect === undefined) throw malformedPolicy('Missing required field Effect');
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny')
      throw malformedPolicy(`Invalid effect: ${String(s.Effect)}`);
    if (s.Principal === undefined && s.NotPrincipal === undefined) {
      throw malformedPolicy('Missing required field Principal');
    }
    if (s.Action === undefined && s.NotAction === undefined)
      throw malformedPolicy('Missing required field Action');
    const resources = s.Resource ?? s.NotResource;
    if (resources === undefined) throw malformedPolicy('Missing required field Resource');
    for (const r of Array.isArray(resources) ? resources : [resources]) {
      const arn = String(r);
      if (arn !== `arn:aws:s3:::${bucket}` && !arn.startsWith(`arn:aws:s3:::${bucket}/`)) {
        throw malformedPolicy('Policy has invalid resource');
      }
    }
  }
  return text;
}

/** Bucket tags: at most 50, unique keys of 1–128 characters, values up to 256, no `aws:` keys. */
export function validateTagSet(tags: Tag[] | undefined): Tag[] {
  const list = tags ?? [];
  if (list.length > 50)
    throw new AwsServiceError('InvalidTag', 'Bucket tag count cannot be greater than 50', 400);
  const seen = new Set<string>();
  for (const { Key, Value } of list) {
    if (Key === undefined || Value === undefined) throw malformedXml();
    if (seen.has(Key)) {
      throw new AwsServiceError('InvalidTag', 'Cannot provide multiple Tags with the same key', 400, {
        extra: { TagKey: Key },
      });
    }
    seen.add(Key);
    if (Key.toLowerCase().startsWith('aws:')) {
      throw new AwsServiceError('InvalidTag', 'System tags cannot be added/updated by requester', 400);
    }
    if (Key.length < 1 || Key.length > 128) {
      throw new AwsServiceError('InvalidTag', 'The TagKey you have provided is invalid', 400, {
        extra: { TagKey: Key },
      });
    }
    if (Value.length > 256) {
      throw new AwsServiceError('InvalidTag', 'The TagValue you have provided is invalid', 400, {
        extra: { TagKey: Key, TagValue: Value },
      });
    }
  }
  return list.map(({ Key, Value }) => ({ Key, Value }));
}

const SSE_ALGORITHMS = ['AES256', 'aws:kms', 'aws:kms:dsse'];

export function validateEncryption(
  conf: ServerSideEncryptionConfiguration | undefined,
): ServerSideEncryptionConfiguration {
  if (!conf?.Rules || conf.Rules.length === 0) throw malformedXml();
  for (const rule of conf.Rules) {
    const byDefault = rule.ApplyServerSideEncryptionByDefault;
    if (!byDefault?.SSEAlgorithm || !SSE_ALGORITHMS.includes(byDefault.SSEAlgorithm)) throw malformedXml();
    if (byDefault.KMSMasterKeyID !== undefined && byDefault.SSEAlgorithm === 'AES256') {
      throw invalidArgument(
        'a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse',
        'ApplyServerSideEncryptionByDefault',
        'null',
      );
    }
  }
  return conf;
}

/** Missing settings are false; a configuration that sets none at all is rejected. */
export function validatePublicAccessBlock(
  conf: PublicAccessBlockConfiguration | undefined,
): Required<PublicAccessBlockConfiguration> {
  const fields = [
    'BlockPublicAcls',
    'IgnorePublicAcls',
    'BlockPublicPolicy',
    'RestrictPublicBuckets',
  ] as const;
  if (!conf || fields.every((f) => conf[f] === undefined)) {
    throw invalidRequest('Must specify at least one configuration.');
  }
  return {
    BlockPublicAcls: conf.BlockPublicAcls ?? false,
    IgnorePublicAcls: conf.IgnorePublicAcls ?? false,
    BlockPublicPolicy: conf.BlockPublicPolicy ?? false,
    RestrictPublicBuckets: conf.RestrictPublicBuckets ?? false,
  };
}
