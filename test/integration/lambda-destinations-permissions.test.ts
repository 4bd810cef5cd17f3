// PutFunctionEventInvokeConfig / UpdateFunctionEventInvokeConfig check that the execution role may
// deliver to each destination (sqs:SendMessage, sns:Publish, lambda:InvokeFunction, events:PutEvents).

import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import {
  type LambdaClient,
  PutFunctionEventInvokeConfigCommand,
  type PutFunctionEventInvokeConfigCommandInput,
  UpdateFunctionEventInvokeConfigCommand,
} from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { useLocalCloud } from '../helpers/localCloud.js';
import { ACCOUNT, busArn, FN, queueArn, SUCCEED } from './destinationHelpers.js';
import { createActive, lambdaClient, uniqueName } from './lambdaHelpers.js';

let lambda: LambdaClient;
let iam: IAMClient;

useLocalCloud((local) => {
  lambda = lambdaClient(local.endpoint);
  iam = new IAMClient({
    endpoint: local.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});

const configure = (input: PutFunctionEventInvokeConfigCommandInput) =>
  lambda.send(new PutFunctionEventInvokeConfigCommand(input));

describe('Destination permissions of the execution role', () => {
  const TRUST = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ],
  });

  async function roleAllowing(statements: { Action: string; Resource: string }[]): Promise<string> {
    const name = uniqueName('dest-role');
    const created = await iam.send(
      new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST }),
    );
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: name,
        PolicyName: 'destinations',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: statements.map((s) => ({ Effect: 'Allow', ...s })),
        }),
      }),
    );
    return created.Role!.Arn!;
  }

  it('rejects each destination the role may not send to, naming the call and the ARN', async () => {
    const allowedQueue = queueArn('allowed');
    const role = await roleAllowing([{ Action: 'sqs:SendMessage', Resource: allowedQueue }]);
    const name = uniqueName('dest-perm');
    await createActive(lambda, name, SUCCEED, { Role: role });
    const other = uniqueName('other');
    await createActive(lambda, other, SUCCEED);
    const denied: [string, string][] = [
      [queueArn('forbidden'), 'SendMessage'],
      [`arn:aws:sns:us-east-1:${ACCOUNT}:topic`, 'Publish'],
      [`${FN}:${other}`, 'InvokeFunction'],
      [busArn('default'), 'PutEvents'],
    ];
    for (const [arn, call] of denied) {
      await expect(
        configure({ FunctionName: name, DestinationConfig: { OnFailure: { Destination: arn } } }),
      ).rejects.toMatchObject({
        name: 'InvalidParameterValueException',
        message: `The function's execution role does not have permissions to call ${call} on ${arn}`,
        $metadata: { httpStatusCode: 400 },
      });
    }
    const put = await configure({
      FunctionName: name,
      DestinationConfig: { OnFailure: { Destination: allowedQueue } },
    });
    expect(put.DestinationConfig?.OnFailure?.Destination).toBe(allowedQueue);
    await expect(
      lambda.send(
        new UpdateFunctionEventInvokeConfigCommand({
          FunctionName: name,
          DestinationConfig: { OnSuccess: { Destination: busArn('default') } },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: `The function's execution role does not have permissions to call PutEvents on ${busArn('default')}`,
    });
  });

  it('accepts wildcard grants', async () => {
    const role = await roleAllowing([
      { Action: 'events:PutEvents', Resource: '*' },
      { Action: 'lambda:*', Resource: `${FN}:*` },
    ]);
    const name = uniqueName('dest-wild');
    await createActive(lambda, name, SUCCEED, { Role: role });
    const other = uniqueName('other-wild');
    await createActive(lambda, other, SUCCEED);
    const put = await configure({
      FunctionName: name,
      DestinationConfig: {
        OnSuccess: { Destination: `${FN}:${other}` },
        OnFailure: { Destination: busArn('default') },
      },
    });
    expect(put.DestinationConfig).toEqual({
      OnSuccess: { Destination: `${FN}:${other}` },
      OnFailure: { Destination: busArn('default') },
    });
  });
});
