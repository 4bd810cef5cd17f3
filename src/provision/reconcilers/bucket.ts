// The flow's S3 bucket: Block Public Access fully on, default encryption AES256, a policy that
// denies plain-HTTP access, tags. Teardown keeps a non-empty bucket unless forced.
import {
  BucketAlreadyExists,
  BucketAlreadyOwnedByYou,
  type BucketLocationConstraint,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  GetBucketEncryptionCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutPublicAccessBlockCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { hasErrorName, isNotFound } from '../../aws/errors.js';
import { FaasError } from '../../errors.js';
import { parsePolicy, samePolicy } from '../../pipeline/policy.js';
import type { BucketSpec, Tags } from '../../pipeline/types.js';
import { diffTags, fromTagList, tagReasons, tagsChanged, toTagList } from '../tags.js';
import type { ProvisionContext, Reconciler } from '../types.js';

export interface ObservedBucket {
  blockPublicAccess: boolean;
  encryption: string | undefined;
  policy: unknown;
  tags: Tags;
  /** Whether at least one object is stored (teardown keeps such a bucket unless forced). */
  hasObjects: boolean;
}

const ALL_BLOCKED = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};

export const bucketReconciler: Reconciler<BucketSpec, ObservedBucket> = {
  async describe(spec, ctx) {
    const { s3 } = ctx.clients;
    const Bucket = spec.name;
    try {
      await s3.send(new HeadBucketCommand({ Bucket, ExpectedBucketOwner: ctx.account.accountId }));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      // 403 on HEAD: the name exists but belongs to another account (or ExpectedBucketOwner failed).
      if (statusOf(error) === 403) throw nameTaken(spec.name, error);
      throw error;
    }
    // S3 answers "not configured" with error codes that have no exception class: match by name.
    const [blocks, encryption, policy, tagging, listing] = await Promise.all([
      orUndefined(
        s3.send(new GetPublicAccessBlockCommand({ Bucket })),
        'NoSuchPublicAccessBlockConfiguration',
      ),
      orUndefined(
        s3.send(new GetBucketEncryptionCommand({ Bucket })),
        'ServerSideEncryptionConfigurationNotFoundError',
      ),
      orUndefined(s3.send(new GetBucketPolicyCommand({ Bucket })), 'NoSuchBucketPolicy'),
      orUndefined(s3.send(new GetBucketTaggingCommand({ Bucket })), 'NoSuchTagSet'),
      s3.send(new ListObjectsV2Command({ Bucket, MaxKeys: 1 })),
    ]);
    const config = blocks?.PublicAccessBlockConfiguration;
    return {
      blockPublicAccess: Object.keys(ALL_BLOCKED).every(
        (k) => config?.[k as keyof typeof ALL_BLOCKED] === true,
      ),
      encryption:
        encryption?.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault
          ?.SSEAlgorithm,
      policy: policy?.Policy ? parsePolicy(policy.Policy) : undefined,
      tags: fromTagList(tagging?.TagSet),
      hasObjects: (listing.KeyCount ?? listing.Contents?.length ?? 0) > 0,
    };
  },

  diff(spec, o) {
    const reasons: string[] = [];
    if (!o.blockPublicAccess) reasons.push('Block Public Access is not fully on');
    if (o.encryption !== spec.encryption)
      reasons.push(`default encryption ${o.encryption ?? 'none'} → ${spec.encryption}`);
    if (o.policy === undefined) reasons.push('bucket policy missing');
    else if (!samePolicy(spec.policy, o.policy)) reasons.push('bucket policy differs');
    return [...reasons, ...tagReasons(spec.tags, o.tags)];
  },

  async create(spec, ctx) {
    const { region } = ctx.account;
    try {
      await ctx.clients.s3.send(
        new CreateBucketCommand({
          Bucket: spec.name,
          // us-east-1 is the one region that rejects an explicit LocationConstraint.
          ...(region === 'us-east-1'
            ? {}
            : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }),
        }),
      );
    } catch (error) {
      if (error instanceof BucketAlreadyExists) throw nameTaken(spec.name, error);
      // Ours already (a previous run created it just before crashing): configure it below.
      if (!(error instanceof BucketAlreadyOwnedByYou)) throw error;
    }
    await configure(ctx.clients.s3, spec, undefined);
    return { name: spec.name };
  },

  async update(spec, o, ctx) {
    await configure(ctx.clients.s3, spec, o);
    return { name: spec.name };
  },

  outputs: (spec) => ({ name: spec.name }),

  keep: (_spec, o, options) =>
    o.hasObjects && !options.force
      ? 'not empty: kept (pass --force to delete it with its objects)'
      : undefined,

  async delete(spec, o, ctx) {
    if (o.hasObjects) await emptyBucket(ctx, spec.name);
    await ctx.clients.s3.send(new DeleteBucketCommand({ Bucket: spec.name }));
  },
};

/** Applies the settings that differ (all of them for a new bucket). */
async function configure(s3: S3Client, spec: BucketSpec, o: ObservedBucket | undefined): Promise<void> {
  const Bucket = spec.name;
  if (!o?.blockPublicAccess) {
    await s3.send(new PutPublicAccessBlockCommand({ Bucket, PublicAccessBlockConfiguration: ALL_BLOCKED }));
  }
  if (o?.encryption !== spec.encryption) {
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket,
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: spec.encryption } }],
        },
      }),
    );
  }
  if (o?.policy === undefined || !samePolicy(spec.policy, o.policy)) {
    await s3.send(new PutBucketPolicyCommand({ Bucket, Policy: JSON.stringify(spec.policy) }));
  }
  // S3 has no incremental tagging: PutBucketTagging replaces the whole set.
  if (o === undefined || tagsChanged(diffTags(spec.tags, o.tags))) {
    await s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: toTagList(spec.tags) } }));
  }
}

// faas never enables versioning, so deleting the current objects empties the bucket. Each round
// lists the first page again (what was listed is gone), until nothing is left.
async function emptyBucket(ctx: ProvisionContext, bucket: string): Promise<void> {
  const { s3 } = ctx.clients;
  for (;;) {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    const keys = (page.Contents ?? []).map((c) => ({ Key: c.Key ?? '' }));
    if (keys.length === 0) return;
    const result = await s3.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } }),
    );
    // DeleteObjects reports per-key failures in a 200 response; stop rather than loop forever.
    const failed = result.Errors?.[0];
    if (failed) {
      throw new FaasError('BucketNotEmptied', `Could not delete ${failed.Key} from ${bucket}`, {
        cause: `${failed.Code}: ${failed.Message}`,
      });
    }
  }
}

async function orUndefined<T>(call: Promise<T>, missingName: string): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (hasErrorName(error, missingName)) return undefined;
    throw error;
  }
}

const statusOf = (error: unknown): number | undefined =>
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

const nameTaken = (name: string, cause: unknown): FaasError =>
  new FaasError('BucketNameTaken', `The S3 bucket name ${name} is owned by another AWS account`, {
    cause,
    hint: 'Bucket names are global; choose another project name.',
  });
