// S3 bucket sub-resources through the real SDK client: policy, public access block, default
// encryption and tagging.

import {
  DeleteBucketEncryptionCommand,
  DeleteBucketPolicyCommand,
  DeleteBucketTaggingCommand,
  DeletePublicAccessBlockCommand,
  GetBucketEncryptionCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetPublicAccessBlockCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { newBucket as createBucket, s3, useS3Cloud } from './s3Helpers.js';

useS3Cloud();
const newBucket = (label: string) => createBucket(s3, label);

describe('S3 bucket policy', () => {
  const policy = (bucket: string) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: 's3:GetObject',
          Resource: `arn:aws:s3:::${bucket}/*`,
        },
      ],
    });

  it('puts, gets and deletes a policy', async () => {
    const Bucket = await newBucket('policy');
    await expect(s3.send(new GetBucketPolicyCommand({ Bucket }))).rejects.toMatchObject({
      name: 'NoSuchBucketPolicy',
      message: 'The bucket policy does not exist',
      BucketName: Bucket,
      $metadata: { httpStatusCode: 404 },
    });
    await s3.send(new PutBucketPolicyCommand({ Bucket, Policy: policy(Bucket) }));
    expect(JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket }))).Policy!)).toEqual(
      JSON.parse(policy(Bucket)),
    );
    const deleted = await s3.send(new DeleteBucketPolicyCommand({ Bucket }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    await expect(s3.send(new GetBucketPolicyCommand({ Bucket }))).rejects.toMatchObject({
      name: 'NoSuchBucketPolicy',
    });
  });

  it('rejects malformed policies with MalformedPolicy', async () => {
    const Bucket = await newBucket('badpolicy');
    const cases: [string, string][] = [
      ['not json', "Policies must be valid JSON and the first byte must be '{'"],
      ['{"Version":"2012-10-17"}', 'Missing required field Statement'],
      [
        JSON.stringify({
          Statement: [
            { Effect: 'Maybe', Principal: '*', Action: 's3:*', Resource: `arn:aws:s3:::${Bucket}` },
          ],
        }),
        'Invalid effect: Maybe',
      ],
      [
        JSON.stringify({
          Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: `arn:aws:s3:::${Bucket}` }],
        }),
        'Missing required field Principal',
      ],
      [
        JSON.stringify({
          Statement: [
            { Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::other-bucket/*' },
          ],
        }),
        'Policy has invalid resource',
      ],
    ];
    for (const [Policy, message] of cases) {
      await expect(s3.send(new PutBucketPolicyCommand({ Bucket, Policy }))).rejects.toMatchObject({
        name: 'MalformedPolicy',
        message,
        $metadata: { httpStatusCode: 400 },
      });
    }
  });
});

describe('S3 public access block', () => {
  it('starts fully blocked, is replaced, deleted, then missing', async () => {
    const Bucket = await newBucket('pab');
    expect(
      (await s3.send(new GetPublicAccessBlockCommand({ Bucket }))).PublicAccessBlockConfiguration,
    ).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    await s3.send(
      new PutPublicAccessBlockCommand({
        Bucket,
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: false },
      }),
    );
    expect(
      (await s3.send(new GetPublicAccessBlockCommand({ Bucket }))).PublicAccessBlockConfiguration,
    ).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: false,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: false,
    });
    expect((await s3.send(new DeletePublicAccessBlockCommand({ Bucket }))).$metadata.httpStatusCode).toBe(
      204,
    );
    await expect(s3.send(new GetPublicAccessBlockCommand({ Bucket }))).rejects.toMatchObject({
      name: 'NoSuchPublicAccessBlockConfiguration',
      message: 'The public access block configuration was not found',
      BucketName: Bucket,
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('rejects a configuration that sets nothing', async () => {
    const Bucket = await newBucket('pabempty');
    await expect(
      s3.send(new PutPublicAccessBlockCommand({ Bucket, PublicAccessBlockConfiguration: {} })),
    ).rejects.toMatchObject({
      name: 'InvalidRequest',
      message: 'Must specify at least one configuration.',
      $metadata: { httpStatusCode: 400 },
    });
  });
});

describe('S3 default encryption', () => {
  it('starts as SSE-S3, takes KMS rules, and resets to SSE-S3 on delete', async () => {
    const Bucket = await newBucket('enc');
    const sseS3 = {
      Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }],
    };
    expect(
      (await s3.send(new GetBucketEncryptionCommand({ Bucket }))).ServerSideEncryptionConfiguration,
    ).toEqual(sseS3);
    const kms = {
      Rules: [
        {
          ApplyServerSideEncryptionByDefault: {
            SSEAlgorithm: 'aws:kms' as const,
            KMSMasterKeyID: 'alias/key',
          },
          BucketKeyEnabled: true,
        },
      ],
    };
    await s3.send(new PutBucketEncryptionCommand({ Bucket, ServerSideEncryptionConfiguration: kms }));
    expect(
      (await s3.send(new GetBucketEncryptionCommand({ Bucket }))).ServerSideEncryptionConfiguration,
    ).toEqual(kms);
    expect((await s3.send(new DeleteBucketEncryptionCommand({ Bucket }))).$metadata.httpStatusCode).toBe(204);
    expect(
      (await s3.send(new GetBucketEncryptionCommand({ Bucket }))).ServerSideEncryptionConfiguration,
    ).toEqual(sseS3);
  });

  it('rejects a key id with SSE-S3 and unknown algorithms', async () => {
    const Bucket = await newBucket('badenc');
    await expect(
      s3.send(
        new PutBucketEncryptionCommand({
          Bucket,
          ServerSideEncryptionConfiguration: {
            Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256', KMSMasterKeyID: 'k' } }],
          },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidArgument',
      message:
        'a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      s3.send(
        new PutBucketEncryptionCommand({
          Bucket,
          ServerSideEncryptionConfiguration: {
            Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'ROT13' as never } }],
          },
        }),
      ),
    ).rejects.toMatchObject({ name: 'MalformedXML', $metadata: { httpStatusCode: 400 } });
  });
});

describe('S3 bucket tagging', () => {
  it('puts, gets and deletes tags; NoSuchTagSet when there are none', async () => {
    const Bucket = await newBucket('tags');
    await expect(s3.send(new GetBucketTaggingCommand({ Bucket }))).rejects.toMatchObject({
      name: 'NoSuchTagSet',
      message: 'The TagSet does not exist',
      BucketName: Bucket,
      $metadata: { httpStatusCode: 404 },
    });
    const TagSet = [
      { Key: 'faas:project', Value: 'demo' },
      { Key: 'faas:flow', Value: 'uploads' },
    ];
    await s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet } }));
    expect((await s3.send(new GetBucketTaggingCommand({ Bucket }))).TagSet).toEqual(TagSet);
    expect((await s3.send(new DeleteBucketTaggingCommand({ Bucket }))).$metadata.httpStatusCode).toBe(204);
    await expect(s3.send(new GetBucketTaggingCommand({ Bucket }))).rejects.toMatchObject({
      name: 'NoSuchTagSet',
    });
  });

  it('rejects duplicate keys, system keys and oversized keys with InvalidTag', async () => {
    const Bucket = await newBucket('badtags');
    const cases: [{ Key: string; Value: string }[], string][] = [
      [
        [
          { Key: 'a', Value: '1' },
          { Key: 'a', Value: '2' },
        ],
        'Cannot provide multiple Tags with the same key',
      ],
      [[{ Key: 'aws:owner', Value: 'x' }], 'System tags cannot be added/updated by requester'],
      [[{ Key: 'k'.repeat(129), Value: 'x' }], 'The TagKey you have provided is invalid'],
      [[{ Key: 'k', Value: 'v'.repeat(257) }], 'The TagValue you have provided is invalid'],
    ];
    for (const [TagSet, message] of cases) {
      await expect(
        s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet } })),
      ).rejects.toMatchObject({
        name: 'InvalidTag',
        message,
        $metadata: { httpStatusCode: 400 },
      });
    }
  });
});
