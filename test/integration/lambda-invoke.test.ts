import {
  CreateFunctionCommand,
  type CreateFunctionCommandInput,
  DeleteFunctionConcurrencyCommand,
  DeleteFunctionEventInvokeConfigCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionEventInvokeConfigCommand,
  InvokeCommand,
  type LambdaClient,
  PutFunctionConcurrencyCommand,
  PutFunctionEventInvokeConfigCommand,
} from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { useLocalCloud } from '../helpers/localCloud.js';
import { createActive, decode, ECHO, lambdaClient, ROLE, uniqueName, zipOf } from './lambdaHelpers.js';

let lambda: LambdaClient;
const ARN = 'arn:aws:lambda:us-east-1:000000000000:function';

useLocalCloud((l) => {
  lambda = lambdaClient(l.endpoint);
});

const create = (overrides: Partial<CreateFunctionCommandInput>) =>
  lambda.send(
    new CreateFunctionCommand({
      FunctionName: uniqueName('bad'),
      Runtime: 'nodejs22.x',
      Role: ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: zipOf(ECHO) },
      ...overrides,
    }),
  );

describe('Lambda Invoke', () => {
  it('answers DryRun with 204 and Tail with the base64 log tail', async () => {
    const name = uniqueName('tail');
    await createActive(
      lambda,
      name,
      'exports.handler = async (e) => { console.log("saw", e.n); return e.n * 2; };',
    );
    const dry = await lambda.send(new InvokeCommand({ FunctionName: name, InvocationType: 'DryRun' }));
    expect(dry.StatusCode).toBe(204);
    const out = await lambda.send(
      new InvokeCommand({ FunctionName: name, LogType: 'Tail', Payload: Buffer.from('{"n":21}') }),
    );
    expect(decode(out.Payload)).toBe(42);
    const tail = Buffer.from(out.LogResult!, 'base64').toString('utf8');
    expect(tail).toContain('saw 21');
    expect(tail).toMatch(/REPORT RequestId: /);
    expect(out.$metadata.requestId).toBeDefined();
    expect(tail).toContain(out.$metadata.requestId!);
  });

  it('reports a thrown error as X-Amz-Function-Error: Unhandled with a 200', async () => {
    const name = uniqueName('throws');
    await createActive(lambda, name, 'exports.handler = async () => { throw new TypeError("boom"); };');
    const out = await lambda.send(new InvokeCommand({ FunctionName: name }));
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBe('Unhandled');
    expect(decode(out.Payload)).toMatchObject({ errorType: 'TypeError', errorMessage: 'boom' });
  });

  it('rejects bad payloads and oversized requests with AWS errors', async () => {
    const name = uniqueName('limits');
    await createActive(lambda, name);
    await expect(
      lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from('not json') })),
    ).rejects.toMatchObject({
      name: 'InvalidRequestContentException',
      message: expect.stringMatching(
        /^Could not parse request body into json: Could not parse payload into json: /,
      ),
      $metadata: { httpStatusCode: 400 },
    });
    const big = Buffer.from(JSON.stringify({ s: 'x'.repeat(6_300_000) }));
    await expect(lambda.send(new InvokeCommand({ FunctionName: name, Payload: big }))).rejects.toMatchObject({
      name: 'RequestEntityTooLargeException',
      message: 'Request must be smaller than 6291456 bytes for the InvokeFunction operation',
      $metadata: { httpStatusCode: 413 },
    });
    const event = Buffer.from(JSON.stringify({ s: 'x'.repeat(1_100_000) }));
    await expect(
      lambda.send(new InvokeCommand({ FunctionName: name, InvocationType: 'Event', Payload: event })),
    ).rejects.toMatchObject({
      name: 'RequestEntityTooLargeException',
      message: `${event.length} byte payload is too large for the Event invocation type (limit 1048576 bytes)`,
      $metadata: { httpStatusCode: 413 },
    });
    await expect(lambda.send(new InvokeCommand({ FunctionName: `${name}-missing` }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Function not found: ${ARN}:${name}-missing`,
      $metadata: { httpStatusCode: 404 },
    });
    await expect(
      lambda.send(new InvokeCommand({ FunctionName: name, Qualifier: '7' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Function not found: ${ARN}:${name}:7`,
    });
  });

  it('refuses to invoke a function that is still Pending', async () => {
    const name = uniqueName('pending');
    await create({ FunctionName: name });
    await expect(lambda.send(new InvokeCommand({ FunctionName: name }))).rejects.toMatchObject({
      name: 'ResourceConflictException',
      message:
        'The operation cannot be performed at this time. The function is currently in the following state: Pending',
      $metadata: { httpStatusCode: 409 },
    });
  });

  it('throttles every call with reserved concurrency 0 and keeps the account minimum unreserved', async () => {
    const name = uniqueName('concurrency');
    await createActive(lambda, name);
    expect(
      (await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: name })))
        .ReservedConcurrentExecutions,
    ).toBe(undefined);
    await lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: 0 }),
    );
    await expect(lambda.send(new InvokeCommand({ FunctionName: name }))).rejects.toMatchObject({
      name: 'TooManyRequestsException',
      message: 'Rate Exceeded.',
      Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
      $metadata: { httpStatusCode: 429 },
    });
    expect((await lambda.send(new GetFunctionCommand({ FunctionName: name }))).Concurrency).toEqual({
      ReservedConcurrentExecutions: 0,
    });
    await lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: name }));
    expect((await lambda.send(new InvokeCommand({ FunctionName: name }))).StatusCode).toBe(200);
    await expect(
      lambda.send(
        new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: 950 }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message:
        "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].",
    });
    await lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: 2 }),
    );
    const results = await Promise.all(
      [1, 2, 3].map(() => lambda.send(new InvokeCommand({ FunctionName: name })).then((r) => r.StatusCode)),
    ).catch((e: { name: string }) => e.name);
    // Three concurrent calls with two reserved: all answered or one throttled, never anything else.
    expect([JSON.stringify([200, 200, 200]), 'TooManyRequestsException']).toContain(
      typeof results === 'string' ? results : JSON.stringify(results),
    );
  });
});

describe('Lambda event invoke config', () => {
  it('puts, gets and deletes async settings with AWS validation', async () => {
    const name = uniqueName('eic');
    await createActive(lambda, name);
    const put = await lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: name,
        MaximumRetryAttempts: 1,
        MaximumEventAgeInSeconds: 120,
        DestinationConfig: {
          OnFailure: { Destination: 'arn:aws:events:us-east-1:000000000000:event-bus/default' },
        },
      }),
    );
    expect(put).toMatchObject({
      FunctionArn: `${ARN}:${name}:$LATEST`,
      MaximumRetryAttempts: 1,
      MaximumEventAgeInSeconds: 120,
      DestinationConfig: {
        OnFailure: { Destination: 'arn:aws:events:us-east-1:000000000000:event-bus/default' },
      },
    });
    expect(put.LastModified).toBeInstanceOf(Date);
    const got = await lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: name }));
    expect(got.MaximumRetryAttempts).toBe(1);
    await expect(
      lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: name, MaximumRetryAttempts: 3 })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value '3' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 2",
    });
    await expect(
      lambda.send(
        new PutFunctionEventInvokeConfigCommand({ FunctionName: name, MaximumEventAgeInSeconds: 30 }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(
      lambda.send(
        new PutFunctionEventInvokeConfigCommand({
          FunctionName: name,
          DestinationConfig: { OnSuccess: { Destination: `${ARN}:${name}` } },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: "You can't specify the function as a destination for itself.",
    });
    await lambda.send(new DeleteFunctionEventInvokeConfigCommand({ FunctionName: name }));
    await expect(
      lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: name })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `The function ${ARN}:${name}:$LATEST doesn't have an EventInvokeConfig`,
      $metadata: { httpStatusCode: 404 },
    });
  });
});

describe('CreateFunction validation', () => {
  it('names every bad input with the AWS error', async () => {
    const name = uniqueName('dup');
    await create({ FunctionName: name });
    await expect(create({ FunctionName: name })).rejects.toMatchObject({
      name: 'ResourceConflictException',
      message: `Function already exist: ${name}`,
      $metadata: { httpStatusCode: 409 },
    });
    await expect(create({ MemorySize: 64 })).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128",
      $metadata: { httpStatusCode: 400 },
    });
    await expect(create({ MemorySize: 10241 })).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(create({ Timeout: 901 })).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900",
    });
    await expect(create({ Timeout: 0 })).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(create({ Role: 'not-a-role' })).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining("Value 'not-a-role' at 'role' failed to satisfy constraint"),
    });
    await expect(create({ Runtime: 'nodejs12.x' })).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: expect.stringContaining('The runtime parameter of nodejs12.x is no longer supported'),
    });
    await expect(create({ Runtime: 'cobol' as never })).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: expect.stringMatching(/^Value cobol at 'runtime' failed to satisfy constraint/),
    });
    await expect(create({ Environment: { Variables: { BIG: 'x'.repeat(5000) } } })).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: expect.stringMatching(/exceeded the 4KB limit\. String measured: \{"BIG":"x+"\}$/),
    });
    await expect(create({ Environment: { Variables: { AWS_REGION: 'x' } } })).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: expect.stringContaining('Reserved keys used in this request: AWS_REGION'),
    });
    await expect(create({ Code: { ZipFile: Buffer.from('this is not a zip') } })).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: 'Could not unzip uploaded file. Please check your file, then try to upload again.',
    });
    await expect(create({ Code: {} })).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: 'Please provide a source for function code.',
    });
    await expect(create({ Architectures: ['sparc' as never] })).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(create({ FunctionName: 'has space' })).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });
});
