import {
  AddPermissionCommand,
  CreateAliasCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  GetAliasCommand,
  GetFunctionCommand,
  GetPolicyCommand,
  InvokeCommand,
  type LambdaClient,
  ListAliasesCommand,
  PublishVersionCommand,
  RemovePermissionCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  waitUntilFunctionUpdatedV2,
  waitUntilPublishedVersionActive,
} from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local/index.js';
import { useLocalCloud } from '../helpers/localCloud.js';
import { createActive, decode, lambdaClient, uniqueName, waiterParams, zipOf } from './lambdaHelpers.js';

let local: LocalCloud;
let lambda: LambdaClient;
const ARN = 'arn:aws:lambda:us-east-1:000000000000:function';

useLocalCloud((l) => {
  local = l;
  lambda = lambdaClient(l.endpoint);
});

/** A function with versions 1 and 2 answering "v1" and "v2". */
async function twoVersions(name: string): Promise<void> {
  await createActive(lambda, name, 'exports.handler = async () => "v1";');
  await lambda.send(new PublishVersionCommand({ FunctionName: name }));
  await lambda.send(
    new UpdateFunctionCodeCommand({
      FunctionName: name,
      ZipFile: zipOf('exports.handler = async () => "v2";'),
    }),
  );
  await waitUntilFunctionUpdatedV2(waiterParams(lambda), { FunctionName: name });
  await lambda.send(new PublishVersionCommand({ FunctionName: name }));
  await waitUntilPublishedVersionActive(waiterParams(lambda), { FunctionName: name, Qualifier: '2' });
}

describe('Lambda aliases', () => {
  it('points an alias at a version, invokes through it, and moves it', async () => {
    const name = uniqueName('alias');
    await twoVersions(name);
    const alias = await lambda.send(
      new CreateAliasCommand({ FunctionName: name, Name: 'live', FunctionVersion: '1', Description: 'prod' }),
    );
    expect(alias).toMatchObject({
      AliasArn: `${ARN}:${name}:live`,
      Name: 'live',
      FunctionVersion: '1',
      Description: 'prod',
    });
    expect(alias.$metadata.httpStatusCode).toBe(201);
    const out = await lambda.send(new InvokeCommand({ FunctionName: name, Qualifier: 'live' }));
    expect(decode(out.Payload)).toBe('v1');
    expect(out.ExecutedVersion).toBe('1');
    const viaArn = await lambda.send(new InvokeCommand({ FunctionName: `${ARN}:${name}:live` }));
    expect(viaArn.ExecutedVersion).toBe('1');

    const got = await lambda.send(new GetFunctionCommand({ FunctionName: name, Qualifier: 'live' }));
    expect(got.Configuration).toMatchObject({ FunctionArn: `${ARN}:${name}:live`, Version: '1' });

    await expect(
      lambda.send(new CreateAliasCommand({ FunctionName: name, Name: 'live', FunctionVersion: '2' })),
    ).rejects.toMatchObject({
      name: 'ResourceConflictException',
      message: `Alias already exists: ${ARN}:${name}:live`,
      $metadata: { httpStatusCode: 409 },
    });
    await expect(
      lambda.send(
        new UpdateAliasCommand({ FunctionName: name, Name: 'live', FunctionVersion: '2', RevisionId: 'x' }),
      ),
    ).rejects.toMatchObject({ name: 'PreconditionFailedException', $metadata: { httpStatusCode: 412 } });
    const moved = await lambda.send(
      new UpdateAliasCommand({
        FunctionName: name,
        Name: 'live',
        FunctionVersion: '2',
        RevisionId: alias.RevisionId,
      }),
    );
    expect(moved.FunctionVersion).toBe('2');
    expect(moved.RevisionId).not.toBe(alias.RevisionId);
    expect(decode((await lambda.send(new InvokeCommand({ FunctionName: `${name}:live` }))).Payload)).toBe(
      'v2',
    );

    await expect(
      lambda.send(new DeleteFunctionCommand({ FunctionName: name, Qualifier: '2' })),
    ).rejects.toMatchObject({
      name: 'ResourceConflictException',
      message: 'Unable to delete version because the following aliases reference it: [live]',
    });
    await lambda.send(new CreateAliasCommand({ FunctionName: name, Name: 'old', FunctionVersion: '1' }));
    const listed = await lambda.send(new ListAliasesCommand({ FunctionName: name }));
    expect(listed.Aliases?.map((a) => a.Name)).toEqual(['live', 'old']);
    const onlyOne = await lambda.send(new ListAliasesCommand({ FunctionName: name, FunctionVersion: '1' }));
    expect(onlyOne.Aliases?.map((a) => a.Name)).toEqual(['old']);

    await lambda.send(new DeleteAliasCommand({ FunctionName: name, Name: 'old' }));
    await expect(lambda.send(new GetAliasCommand({ FunctionName: name, Name: 'old' }))).rejects.toMatchObject(
      {
        name: 'ResourceNotFoundException',
        message: `Cannot find alias arn: ${ARN}:${name}:old`,
        $metadata: { httpStatusCode: 404 },
      },
    );
    await expect(
      lambda.send(new InvokeCommand({ FunctionName: name, Qualifier: 'old' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Function not found: ${ARN}:${name}:old`,
    });
  });

  it('splits traffic by AdditionalVersionWeights', async () => {
    const name = uniqueName('weights');
    await twoVersions(name);
    await lambda.send(
      new CreateAliasCommand({
        FunctionName: name,
        Name: 'canary',
        FunctionVersion: '1',
        RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } },
      }),
    );
    const seen = new Set<string>();
    for (let i = 0; i < 100 && seen.size < 2; i++) {
      const out = await lambda.send(new InvokeCommand({ FunctionName: name, Qualifier: 'canary' }));
      seen.add(out.ExecutedVersion!);
      expect(decode(out.Payload)).toBe(`v${out.ExecutedVersion}`);
    }
    expect([...seen].sort()).toEqual(['1', '2']);

    const all = await lambda.send(
      new UpdateAliasCommand({
        FunctionName: name,
        Name: 'canary',
        RoutingConfig: { AdditionalVersionWeights: {} },
      }),
    );
    expect(all.RoutingConfig).toBeUndefined();
  });

  it('rejects bad aliases with AWS errors', async () => {
    const name = uniqueName('badalias');
    await twoVersions(name);
    await expect(
      lambda.send(new CreateAliasCommand({ FunctionName: name, Name: '123', FunctionVersion: '1' })),
    ).rejects.toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    await expect(
      lambda.send(new CreateAliasCommand({ FunctionName: name, Name: 'x', FunctionVersion: '9' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Function not found: ${ARN}:${name}:9`,
    });
    await expect(
      lambda.send(
        new CreateAliasCommand({
          FunctionName: name,
          Name: 'x',
          FunctionVersion: '1',
          RoutingConfig: { AdditionalVersionWeights: { '1': 0.5 } },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: 'Invalid function version 1. Function version 1 is already included in routing configuration.',
    });
    await expect(
      lambda.send(
        new CreateAliasCommand({
          FunctionName: name,
          Name: 'x',
          FunctionVersion: '$LATEST',
          RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: '$LATEST is not supported for an alias pointing to more than 1 version',
    });
    await expect(
      lambda.send(new UpdateAliasCommand({ FunctionName: name, Name: 'nope', FunctionVersion: '1' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Alias not found: ${ARN}:${name}:nope`,
    });
  });
});

describe('Lambda resource policies', () => {
  it('adds, reads and removes permissions like AWS', async () => {
    const name = uniqueName('policy');
    await createActive(lambda, name);
    const added = await lambda.send(
      new AddPermissionCommand({
        FunctionName: name,
        StatementId: 'apigw',
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        SourceArn: 'arn:aws:execute-api:us-east-1:000000000000:abc123/*/*/events',
        SourceAccount: '000000000000',
      }),
    );
    expect(added.$metadata.httpStatusCode).toBe(201);
    const statement = {
      Sid: 'apigw',
      Effect: 'Allow',
      Principal: { Service: 'apigateway.amazonaws.com' },
      Action: 'lambda:InvokeFunction',
      Resource: `${ARN}:${name}`,
      Condition: {
        StringEquals: { 'AWS:SourceAccount': '000000000000' },
        ArnLike: { 'AWS:SourceArn': 'arn:aws:execute-api:us-east-1:000000000000:abc123/*/*/events' },
      },
    };
    expect(JSON.parse(added.Statement!)).toEqual(statement);

    await expect(
      lambda.send(
        new AddPermissionCommand({
          FunctionName: name,
          StatementId: 'apigw',
          Action: 'lambda:InvokeFunction',
          Principal: 'events.amazonaws.com',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ResourceConflictException',
      message:
        'The statement id (apigw) provided already exists. Please provide a new statement id, or remove the existing statement.',
      $metadata: { httpStatusCode: 409 },
    });

    const policy = await lambda.send(new GetPolicyCommand({ FunctionName: name }));
    expect(JSON.parse(policy.Policy!)).toEqual({
      Version: '2012-10-17',
      Id: 'default',
      Statement: [statement],
    });
    expect(policy.Policy).toBe(
      JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: [statement] }),
    );

    await expect(
      lambda.send(new RemovePermissionCommand({ FunctionName: name, StatementId: 'other' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Statement other is not found in resource policy.',
    });
    await lambda.send(new RemovePermissionCommand({ FunctionName: name, StatementId: 'apigw' }));
    await expect(lambda.send(new GetPolicyCommand({ FunctionName: name }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The resource you requested does not exist.',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(
      lambda.send(
        new AddPermissionCommand({
          FunctionName: name,
          StatementId: 'bad',
          Action: 'lambda:InvokeFunction',
          Principal: 'not a principal',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: 'The provided principal was invalid. Please check the principal and try again.',
    });
  });

  it('checks the policy of the invoked qualifier for in-process callers', async () => {
    const name = uniqueName('internal');
    await twoVersions(name);
    await lambda.send(new CreateAliasCommand({ FunctionName: name, Name: 'live', FunctionVersion: '2' }));
    await lambda.send(
      new AddPermissionCommand({
        FunctionName: name,
        Qualifier: 'live',
        StatementId: 'apigw',
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        SourceArn: 'arn:aws:execute-api:us-east-1:000000000000:api1/*/POST/events',
      }),
    );
    const policy = JSON.parse(
      (await lambda.send(new GetPolicyCommand({ FunctionName: name, Qualifier: 'live' }))).Policy!,
    );
    expect(policy.Statement[0].Resource).toBe(`${ARN}:${name}:live`);

    const internal = local.cloud.api('lambda');
    const ok = await internal.invoke({
      functionArn: `${ARN}:${name}:live`,
      payload: Buffer.from('{}'),
      principal: 'apigateway.amazonaws.com',
      sourceArn: 'arn:aws:execute-api:us-east-1:000000000000:api1/$default/POST/events',
    });
    expect(ok.executedVersion).toBe('2');
    expect(JSON.parse(ok.payload.toString())).toBe('v2');

    const denied = {
      name: 'AwsServiceError',
      code: 'AccessDeniedException',
      status: 403,
    };
    // Wrong source, wrong principal, and the unqualified function (whose own policy is empty).
    await expect(
      internal.invoke({
        functionArn: `${ARN}:${name}:live`,
        payload: Buffer.from('{}'),
        principal: 'apigateway.amazonaws.com',
        sourceArn: 'arn:aws:execute-api:us-east-1:000000000000:other/$default/POST/events',
      }),
    ).rejects.toMatchObject(denied);
    await expect(
      internal.invokeAsync({
        functionArn: `${ARN}:${name}:live`,
        payload: Buffer.from('{}'),
        principal: 'events.amazonaws.com',
        sourceArn: 'arn:aws:execute-api:us-east-1:000000000000:api1/$default/POST/events',
      }),
    ).rejects.toMatchObject(denied);
    await expect(
      internal.invoke({
        functionArn: `${ARN}:${name}`,
        payload: Buffer.from('{}'),
        principal: 'apigateway.amazonaws.com',
        sourceArn: 'arn:aws:execute-api:us-east-1:000000000000:api1/$default/POST/events',
      }),
    ).rejects.toMatchObject(denied);
    // A trusted internal caller (no principal) is not checked.
    expect((await internal.invoke({ functionArn: name, payload: Buffer.from('{}') })).executedVersion).toBe(
      '$LATEST',
    );
  });
});
