// S3 in memory: buckets with Block Public Access, encryption, policy, tags and objects.
import {
  BucketAlreadyOwnedByYou,
  NoSuchBucket,
  NoSuchKey,
  NotFound,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { type Handlers, sdkError } from './core.js';

export interface FakeBucket {
  region: string;
  publicAccessBlock?: Record<string, boolean>;
  encryption?: string;
  policy?: string;
  tags?: Array<{ Key: string; Value: string }>;
  objects: Map<string, string>;
}

// S3 error codes without an exception class reach callers as S3ServiceException with that name.
const s3Error = (name: string, message: string, status = 404) =>
  new S3ServiceException({ name, message, $fault: 'client', $metadata: { httpStatusCode: status } });

export function s3Handlers(buckets: Map<string, FakeBucket>, region: string): Handlers {
  const bucket = (name: string) => {
    const b = buckets.get(name);
    if (!b) throw sdkError(NoSuchBucket, 'The specified bucket does not exist');
    return b;
  };
  return {
    HeadBucket: (i) => {
      if (!buckets.has(i.Bucket))
        throw new NotFound({ message: 'Not Found', $metadata: { httpStatusCode: 404 } });
      return { BucketRegion: buckets.get(i.Bucket)!.region };
    },
    CreateBucket: (i) => {
      if (buckets.has(i.Bucket))
        throw sdkError(BucketAlreadyOwnedByYou, 'Your previous request to create the named bucket succeeded');
      const location = i.CreateBucketConfiguration?.LocationConstraint ?? 'us-east-1';
      if (location !== region)
        throw s3Error('IllegalLocationConstraintException', `bad location ${location}`, 400);
      buckets.set(i.Bucket, { region: location, objects: new Map() });
      return { Location: `/${i.Bucket}` };
    },
    GetPublicAccessBlock: (i) => {
      const b = bucket(i.Bucket);
      if (!b.publicAccessBlock)
        throw s3Error(
          'NoSuchPublicAccessBlockConfiguration',
          'The public access block configuration was not found',
        );
      return { PublicAccessBlockConfiguration: b.publicAccessBlock };
    },
    PutPublicAccessBlock: (i) => {
      bucket(i.Bucket).publicAccessBlock = i.PublicAccessBlockConfiguration;
      return {};
    },
    GetBucketEncryption: (i) => {
      const b = bucket(i.Bucket);
      if (!b.encryption) {
        throw s3Error(
          'ServerSideEncryptionConfigurationNotFoundError',
          'The server side encryption configuration was not found',
        );
      }
      return {
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: b.encryption } }],
        },
      };
    },
    PutBucketEncryption: (i) => {
      bucket(i.Bucket).encryption =
        i.ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm;
      return {};
    },
    GetBucketPolicy: (i) => {
      const b = bucket(i.Bucket);
      if (!b.policy) throw s3Error('NoSuchBucketPolicy', 'The bucket policy does not exist');
      return { Policy: b.policy };
    },
    PutBucketPolicy: (i) => {
      bucket(i.Bucket).policy = i.Policy;
      return {};
    },
    GetBucketTagging: (i) => {
      const b = bucket(i.Bucket);
      if (!b.tags) throw s3Error('NoSuchTagSet', 'The TagSet does not exist');
      return { TagSet: b.tags };
    },
    PutBucketTagging: (i) => {
      bucket(i.Bucket).tags = i.Tagging.TagSet;
      return {};
    },
    // Continuation tokens are the last key returned, as S3's are in effect (keys after it).
    ListObjectsV2: (i) => {
      const keys = [...bucket(i.Bucket).objects.keys()]
        .sort()
        .filter((k) => !i.ContinuationToken || k > i.ContinuationToken);
      const max = i.MaxKeys ?? 2;
      const page = keys.slice(0, max);
      const truncated = keys.length > max;
      return {
        Contents: page.map((Key) => ({ Key })),
        KeyCount: page.length,
        IsTruncated: truncated,
        ...(truncated ? { NextContinuationToken: page.at(-1) } : {}),
      };
    },
    // structuredClone cannot copy the SDK's stream mixin: core.ts turns $bodyText into Body.
    GetObject: (i) => {
      const body = bucket(i.Bucket).objects.get(i.Key);
      if (body === undefined) throw sdkError(NoSuchKey, 'The specified key does not exist.');
      return { $bodyText: body };
    },
    DeleteObjects: (i) => {
      const b = bucket(i.Bucket);
      for (const o of i.Delete.Objects) b.objects.delete(o.Key);
      return { Deleted: i.Delete.Objects };
    },
    DeleteBucket: (i) => {
      const b = bucket(i.Bucket);
      if (b.objects.size > 0)
        throw s3Error('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409);
      buckets.delete(i.Bucket);
      return {};
    },
  };
}
