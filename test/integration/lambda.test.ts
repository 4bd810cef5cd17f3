import { createHash } from 'node:crypto';
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  type LambdaClient,
  ListFunctionsCommand,
  ListTagsCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
  waitUntilPublishedVersionActive,
} from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local/index.js';
import { useLocalCloud } from '../helpers/localCloud.js';
import {
  createActive,
  decode,
  ECHO,
  lambdaClient,
  ROLE,
  uniqueName,
  waiterParams,
  zipOf,
} from './lambdaHelpers.js';

let local: LocalCloud;
let lambda: LambdaClient;
const ARN = 'arn:aws:lambda:us-east-1:000000000000:function';

useLocalCloud((l) => {
  local = l;
  lambda = lambdaClient(l.endpoint);
});

describe('Lambda functions through the real SDK client', () => {
  it('creates a function Pending, becomes Active for the SDK waiter, and invokes the uploaded zip', async () => {
    const name = uniqueName('echo');
    const zip = zipOf(ECHO);
    const created = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: 'nodejs22.x',
        Role: ROLE,
        Handler: 'index.handler',
        Code: { ZipFile: zip },
        Environment: { Variables: { STAGE: 'test' } },
        Tags: { team: 'core' },
      }),
    );
    expect(created).toMatchObject({
      FunctionName: name,
      FunctionArn: `${ARN}:${name}`,
      Version: '$LATEST',
      State: 'Pending',
      StateReasonCode: 'Creating',
      CodeSha256: createHash('sha256').update(zip).digest('base64'),
      CodeSize: zip.length,
      MemorySize: 128,
      Timeout: 3,
      PackageType: 'Zip',
      Architectures: ['x86_64'],
      Environment: { Variables: { STAGE: 'test' } },
      LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${name}` },
    });
    expect(created.LastUpdateStatus).toBeUndefined();
    expect(created.RevisionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.LastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);

    // The waiter exactly as the SDK ships it (default delays).
    await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 30 }, { FunctionName: name });
    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    expect(config).toMatchObject({ State: 'Active', LastUpdateStatus: 'Successful' });

    const out = await lambda.send(
      new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify({ hello: 'world' })) }),
    );
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBeUndefined();
    expect(out.ExecutedVersion).toBe('$LATEST');
    expect(decode(out.Payload)).toEqual({ ok: true, e: { hello: 'world' } });
  });

  it('answers GetFunction with configuration, a downloadable Code.Location, tags and concurrency', async () => {
    const name = uniqueName('get');
    await createActive(lambda, name, ECHO, { Tags: { owner: 'me' } });
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: name }));
    expect(got.Configuration?.FunctionArn).toBe(`${ARN}:${name}`);
    expect(got.Tags).toEqual({ owner: 'me' });
    expect(got.Concurrency).toBeUndefined();
    expect(got.Code?.RepositoryType).toBe('S3');
    const download = Buffer.from(await (await fetch(got.Code!.Location!)).arrayBuffer());
    expect(createHash('sha256').update(download).digest('base64')).toBe(got.Configuration?.CodeSha256);
    // Looking a function up by full ARN and by partial ARN finds the same one.
    const byArn = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: `${ARN}:${name}` }));
    const byPartial = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: `000000000000:function:${name}` }),
    );
    expect(byArn.RevisionId).toBe(got.Configuration?.RevisionId);
    expect(byPartial.RevisionId).toBe(got.Configuration?.RevisionId);
  });

  it('reads the package from the local S3 when given S3Bucket/S3Key', async () => {
    const s3 = new S3Client({
      endpoint: local.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const bucket = uniqueName('code').toLowerCase();
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'fn.zip',
        Body: zipOf('exports.handler = async () => "from s3";'),
      }),
    );
    const name = uniqueName('s3code');
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: 'nodejs22.x',
        Role: ROLE,
        Handler: 'index.handler',
        Code: { S3Bucket: bucket, S3Key: 'fn.zip' },
      }),
    );
    await waitUntilFunctionActiveV2(waiterParams(lambda), { FunctionName: name });
    const out = await lambda.send(new InvokeCommand({ FunctionName: name }));
    expect(decode(out.Payload)).toBe('from s3');
    await expect(
      lambda.send(
        new CreateFunctionCommand({
          FunctionName: uniqueName('s3missing'),
          Runtime: 'nodejs22.x',
          Role: ROLE,
          Handler: 'index.handler',
          Code: { S3Bucket: bucket, S3Key: 'missing.zip' },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: expect.stringMatching(
        /^Error occurred while GetObject\. S3 Error Code: NoSuchKey\. S3 Error Message: /,
      ),
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('updates code InProgress → Successful, refusing a second update meanwhile', async () => {
    const name = uniqueName('update');
    const created = await createActive(lambda, name);
    await expect(
      lambda.send(
        new UpdateFunctionCodeCommand({
          FunctionName: name,
          ZipFile: zipOf(ECHO),
          RevisionId: created.RevisionId,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'PreconditionFailedException',
      message:
        'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
      $metadata: { httpStatusCode: 412 },
    });
    const updated = await lambda.send(
      new UpdateFunctionCodeCommand({
        FunctionName: name,
        ZipFile: zipOf('exports.handler = async () => 2;'),
      }),
    );
    expect(updated).toMatchObject({ State: 'Active', LastUpdateStatus: 'InProgress' });
    await expect(
      lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, MemorySize: 256 })),
    ).rejects.toMatchObject({
      name: 'ResourceConflictException',
      message: `The operation cannot be performed at this time. An update is in progress for resource: ${ARN}:${name}`,
      $metadata: { httpStatusCode: 409 },
    });
    await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 30 }, { FunctionName: name });
    const out = await lambda.send(new InvokeCommand({ FunctionName: name }));
    expect(decode(out.Payload)).toBe(2);

    const reconfigured = await lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: name,
        MemorySize: 256,
        Timeout: 10,
        Environment: { Variables: { AB: '1' } },
        Description: 'two',
      }),
    );
    expect(reconfigured).toMatchObject({ LastUpdateStatus: 'InProgress', MemorySize: 256, Timeout: 10 });
    expect(reconfigured.RevisionId).not.toBe(updated.RevisionId);
    await waitUntilFunctionUpdatedV2(waiterParams(lambda), { FunctionName: name });
    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    expect(config).toMatchObject({ Description: 'two', Environment: { Variables: { AB: '1' } } });
  });

  it('publishes immutable versions with CodeSha256 and RevisionId guards', async () => {
    const name = uniqueName('publish');
    await createActive(lambda, name, 'exports.handler = async () => "v1";');
    const latest = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    await expect(
      lambda.send(new PublishVersionCommand({ FunctionName: name, CodeSha256: 'AAAA' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: `CodeSHA256 (AAAA) is different from current CodeSHA256 in $LATEST (${latest.CodeSha256}). Please try again with the CodeSHA256 in $LATEST.`,
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      lambda.send(new PublishVersionCommand({ FunctionName: name, RevisionId: 'stale' })),
    ).rejects.toMatchObject({ name: 'PreconditionFailedException', $metadata: { httpStatusCode: 412 } });

    const v1 = await lambda.send(
      new PublishVersionCommand({
        FunctionName: name,
        CodeSha256: latest.CodeSha256,
        RevisionId: latest.RevisionId,
        Description: 'first',
      }),
    );
    expect(v1).toMatchObject({
      Version: '1',
      FunctionArn: `${ARN}:${name}:1`,
      Description: 'first',
      State: 'Pending',
    });
    await waitUntilPublishedVersionActive(waiterParams(lambda), { FunctionName: name, Qualifier: '1' });
    // Nothing changed since version 1: AWS hands version 1 back.
    const again = await lambda.send(new PublishVersionCommand({ FunctionName: name }));
    expect(again.Version).toBe('1');

    await lambda.send(
      new UpdateFunctionCodeCommand({
        FunctionName: name,
        ZipFile: zipOf('exports.handler = async () => "v2";'),
      }),
    );
    await waitUntilFunctionUpdatedV2(waiterParams(lambda), { FunctionName: name });
    const v2 = await lambda.send(new PublishVersionCommand({ FunctionName: name }));
    expect(v2.Version).toBe('2');
    await waitUntilPublishedVersionActive(waiterParams(lambda), { FunctionName: name, Qualifier: '2' });

    const one = await lambda.send(new InvokeCommand({ FunctionName: name, Qualifier: '1' }));
    expect(decode(one.Payload)).toBe('v1');
    expect(one.ExecutedVersion).toBe('1');
    const two = await lambda.send(new InvokeCommand({ FunctionName: `${name}:2` }));
    expect(decode(two.Payload)).toBe('v2');

    const versions = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: name }));
    expect(versions.Versions?.map((v) => [v.Version, v.FunctionArn])).toEqual([
      ['$LATEST', `${ARN}:${name}:$LATEST`],
      ['1', `${ARN}:${name}:1`],
      ['2', `${ARN}:${name}:2`],
    ]);
    const byVersion = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: name, Qualifier: '1' }),
    );
    expect(byVersion).toMatchObject({ FunctionArn: `${ARN}:${name}:1`, Version: '1', State: 'Active' });

    await lambda.send(new DeleteFunctionCommand({ FunctionName: name, Qualifier: '1' }));
    await expect(
      lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name, Qualifier: '1' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Function not found: ${ARN}:${name}:1`,
      $metadata: { httpStatusCode: 404 },
    });
    // Version numbers are never reused.
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Description: 'three' }));
    await waitUntilFunctionUpdatedV2(waiterParams(lambda), { FunctionName: name });
    expect((await lambda.send(new PublishVersionCommand({ FunctionName: name }))).Version).toBe('3');
  });

  it('creates with Publish: true and answers with version 1', async () => {
    const name = uniqueName('publish-create');
    const created = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: 'nodejs22.x',
        Role: ROLE,
        Handler: 'index.handler',
        Code: { ZipFile: zipOf(ECHO) },
        Publish: true,
      }),
    );
    expect(created.Version).toBe('1');
    await waitUntilPublishedVersionActive(waiterParams(lambda), { FunctionName: name, Qualifier: '1' });
    const out = await lambda.send(new InvokeCommand({ FunctionName: name, Qualifier: '1' }));
    expect(out.ExecutedVersion).toBe('1');
  });

  it('lists functions with Marker/MaxItems paging', async () => {
    const prefix = uniqueName('list');
    for (const i of [1, 2, 3]) {
      await lambda.send(
        new CreateFunctionCommand({
          FunctionName: `${prefix}-${i}`,
          Runtime: 'nodejs22.x',
          Role: ROLE,
          Handler: 'index.handler',
          Code: { ZipFile: zipOf(ECHO) },
        }),
      );
    }
    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const page = await lambda.send(new ListFunctionsCommand({ MaxItems: 2, Marker: marker }));
      expect(page.Functions!.length).toBeLessThanOrEqual(2);
      for (const f of page.Functions ?? []) {
        seen.push(f.FunctionName!);
        expect(f.State).toBeUndefined();
      }
      marker = page.NextMarker;
    } while (marker);
    expect(seen.filter((n) => n.startsWith(prefix))).toEqual([`${prefix}-1`, `${prefix}-2`, `${prefix}-3`]);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('deletes a function; afterwards it is not found', async () => {
    const name = uniqueName('delete');
    await createActive(lambda, name);
    await expect(
      lambda.send(new DeleteFunctionCommand({ FunctionName: name, Qualifier: '$LATEST' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: '$LATEST version cannot be deleted without deleting the function.',
    });
    const deleted = await lambda.send(new DeleteFunctionCommand({ FunctionName: name }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    await expect(lambda.send(new GetFunctionCommand({ FunctionName: name }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Function not found: ${ARN}:${name}`,
      $metadata: { httpStatusCode: 404 },
    });
    await expect(lambda.send(new DeleteFunctionCommand({ FunctionName: name }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('tags functions (not versions or aliases)', async () => {
    const name = uniqueName('tags');
    await createActive(lambda, name, ECHO, { Tags: { a: '1' } });
    const arn = `${ARN}:${name}`;
    await lambda.send(new TagResourceCommand({ Resource: arn, Tags: { b: '2' } }));
    expect((await lambda.send(new ListTagsCommand({ Resource: arn }))).Tags).toEqual({ a: '1', b: '2' });
    await lambda.send(new UntagResourceCommand({ Resource: arn, TagKeys: ['a'] }));
    expect((await lambda.send(new ListTagsCommand({ Resource: arn }))).Tags).toEqual({ b: '2' });
    await expect(lambda.send(new ListTagsCommand({ Resource: `${arn}:1` }))).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: 'Tags on function aliases and versions are not supported. Please specify a function ARN.',
    });
    await expect(lambda.send(new ListTagsCommand({ Resource: `${ARN}:nope-${name}` }))).rejects.toMatchObject(
      {
        name: 'ResourceNotFoundException',
        message: `Function not found: ${ARN}:nope-${name}`,
      },
    );
  });
});
