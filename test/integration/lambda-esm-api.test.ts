// Event source mappings, control plane: AWS's shapes and states for create/get/list/update/delete,
// and the exact error of every invalid request.

import {
  CreateAliasCommand,
  CreateEventSourceMappingCommand,
  type CreateEventSourceMappingCommandInput,
  DeleteEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  type LambdaClient,
  ListEventSourceMappingsCommand,
  PublishVersionCommand,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { useLocalCloud } from '../helpers/localCloud.js';
import { createQueue, expectError, until, waitForState } from './esmHelpers.js';
import { createActive, lambdaClient, uniqueName } from './lambdaHelpers.js';
import { sqsClient, uniqueQueue } from './sqsHelpers.js';

let lambda: LambdaClient;
let sqs: SQSClient;
const FN_ARN = 'arn:aws:lambda:us-east-1:000000000000:function';

// Real-time factor: transitions take their full 250 ms, so "in use" can be observed.
useLocalCloud((l) => {
  lambda = lambdaClient(l.endpoint);
  sqs = sqsClient(l.endpoint);
});

async function setup(fifo = false, queueAttributes: Record<string, string> = {}) {
  const fn = uniqueName('esm-api');
  await createActive(lambda, fn);
  const queue = await createQueue(sqs, uniqueQueue('esm-api', fifo), {
    ...(fifo ? { FifoQueue: 'true' } : {}),
    ...queueAttributes,
  });
  return { fn, queue };
}

const create = (input: CreateEventSourceMappingCommandInput) =>
  lambda.send(new CreateEventSourceMappingCommand(input));

describe('event source mappings: lifecycle', () => {
  it('creates (202, Creating), settles to Enabled, lists, updates and deletes', async () => {
    const { fn, queue } = await setup();
    const created = await create({ FunctionName: fn, EventSourceArn: queue.arn });
    expect(created.$metadata.httpStatusCode).toBe(202);
    expect(created).toMatchObject({
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 0,
      EventSourceArn: queue.arn,
      FunctionArn: `${FN_ARN}:${fn}`,
      FunctionResponseTypes: [],
      State: 'Creating',
      StateTransitionReason: 'USER_INITIATED',
      EventSourceMappingArn: `arn:aws:lambda:us-east-1:000000000000:event-source-mapping:${created.UUID}`,
    });
    expect(created.UUID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(created.LastModified).toBeInstanceOf(Date);
    // SQS mappings carry no stream fields and no LastProcessingResult.
    expect(created.LastProcessingResult).toBeUndefined();
    expect(created.StartingPosition).toBeUndefined();
    const uuid = created.UUID!;
    // Mid-transition a mapping can be neither updated nor deleted.
    await expectError(
      lambda.send(new UpdateEventSourceMappingCommand({ UUID: uuid, BatchSize: 5 })),
      'ResourceInUseException',
      400,
      'Cannot update the event source mapping because it is in use.',
    );
    await expectError(
      lambda.send(new DeleteEventSourceMappingCommand({ UUID: uuid })),
      'ResourceInUseException',
      400,
      'Cannot delete the event source mapping because it is in use.',
    );
    const enabled = await waitForState(lambda, uuid, 'Enabled');
    expect(enabled.$metadata.httpStatusCode).toBe(200);

    const byFunction = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: fn }));
    expect(byFunction.EventSourceMappings?.map((m) => m.UUID)).toEqual([uuid]);
    const byQueue = await lambda.send(new ListEventSourceMappingsCommand({ EventSourceArn: queue.arn }));
    expect(byQueue.EventSourceMappings?.map((m) => m.UUID)).toEqual([uuid]);

    const updated = await lambda.send(
      new UpdateEventSourceMappingCommand({
        UUID: uuid,
        BatchSize: 50,
        MaximumBatchingWindowInSeconds: 2,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 3 },
        FilterCriteria: { Filters: [{ Pattern: '{"body":{"kind":["a"]}}' }] },
      }),
    );
    expect(updated.$metadata.httpStatusCode).toBe(202);
    expect(updated).toMatchObject({
      State: 'Updating',
      BatchSize: 50,
      MaximumBatchingWindowInSeconds: 2,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 3 },
      FilterCriteria: { Filters: [{ Pattern: '{"body":{"kind":["a"]}}' }] },
    });
    await waitForState(lambda, uuid, 'Enabled');
    // Empty FilterCriteria and ScalingConfig remove them.
    await lambda.send(
      new UpdateEventSourceMappingCommand({ UUID: uuid, FilterCriteria: {}, ScalingConfig: {} }),
    );
    const cleared = await waitForState(lambda, uuid, 'Enabled');
    expect(cleared.FilterCriteria).toBeUndefined();
    expect(cleared.ScalingConfig).toBeUndefined();

    const disabling = await lambda.send(new UpdateEventSourceMappingCommand({ UUID: uuid, Enabled: false }));
    expect(disabling.State).toBe('Disabling');
    await waitForState(lambda, uuid, 'Disabled');
    const enabling = await lambda.send(new UpdateEventSourceMappingCommand({ UUID: uuid, Enabled: true }));
    expect(enabling.State).toBe('Enabling');
    await waitForState(lambda, uuid, 'Enabled');

    const deleted = await lambda.send(new DeleteEventSourceMappingCommand({ UUID: uuid }));
    expect(deleted.$metadata.httpStatusCode).toBe(202);
    expect(deleted.State).toBe('Deleting');
    await until(
      () =>
        lambda.send(new GetEventSourceMappingCommand({ UUID: uuid })).then(
          () => false,
          (e: { name?: string }) => e.name === 'ResourceNotFoundException',
        ),
      'the mapping to be deleted',
    );
  });

  it('creates a mapping disabled, and echoes a qualified function ARN', async () => {
    const { fn, queue } = await setup();
    const disabled = await create({
      FunctionName: fn,
      EventSourceArn: queue.arn,
      Enabled: false,
      BatchSize: 1,
    });
    expect(disabled).toMatchObject({ State: 'Disabled', BatchSize: 1 });
    await lambda.send(new PublishVersionCommand({ FunctionName: fn }));
    await lambda.send(new CreateAliasCommand({ FunctionName: fn, Name: 'live', FunctionVersion: '1' }));
    const viaAlias = await create({ FunctionName: `${fn}:live`, EventSourceArn: queue.arn });
    expect(viaAlias.FunctionArn).toBe(`${FN_ARN}:${fn}:live`);
    const viaLatest = await create({ FunctionName: `${FN_ARN}:${fn}:$LATEST`, EventSourceArn: queue.arn });
    expect(viaLatest.FunctionArn).toBe(`${FN_ARN}:${fn}:$LATEST`);
    // Unqualified, the function lists all three; qualified, only the alias's mapping.
    const all = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: fn }));
    expect(all.EventSourceMappings).toHaveLength(3);
    const live = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: `${fn}:live` }));
    expect(live.EventSourceMappings?.map((m) => m.UUID)).toEqual([viaAlias.UUID]);
    const first = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: fn, MaxItems: 2 }));
    expect(first.EventSourceMappings).toHaveLength(2);
    const rest = await lambda.send(
      new ListEventSourceMappingsCommand({ FunctionName: fn, MaxItems: 2, Marker: first.NextMarker }),
    );
    expect(rest.EventSourceMappings).toHaveLength(1);
    expect(rest.NextMarker).toBeUndefined();
  });
});

describe('event source mappings: invalid requests', () => {
  it('answers unknown UUIDs with ResourceNotFoundException', async () => {
    const uuid = '11111111-2222-3333-4444-555555555555';
    const message = 'The resource you requested does not exist.';
    await expectError(
      lambda.send(new GetEventSourceMappingCommand({ UUID: uuid })),
      'ResourceNotFoundException',
      404,
      message,
    );
    await expectError(
      lambda.send(new UpdateEventSourceMappingCommand({ UUID: uuid, BatchSize: 1 })),
      'ResourceNotFoundException',
      404,
      message,
    );
    await expectError(
      lambda.send(new DeleteEventSourceMappingCommand({ UUID: uuid })),
      'ResourceNotFoundException',
      404,
      message,
    );
  });

  it('checks the event source, the function and the queue', async () => {
    const { fn, queue } = await setup();
    await expectError(
      create({ FunctionName: fn }),
      'InvalidParameterValueException',
      400,
      'Unrecognized event source.',
    );
    await expectError(
      create({ FunctionName: fn, EventSourceArn: 'not-an-arn' }),
      'ValidationException',
      400,
      "1 validation error detected: Value 'not-an-arn' at 'eventSourceArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)",
    );
    await expectError(
      create({ FunctionName: fn, EventSourceArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/s' }),
      'NotImplemented',
      501,
    );
    await expectError(
      create({ FunctionName: uniqueName('nope'), EventSourceArn: queue.arn }),
      'InvalidParameterValueException',
      400,
      'Function does not exist',
    );
    await expectError(
      create({ FunctionName: `${fn}:nosuchalias`, EventSourceArn: queue.arn }),
      'InvalidParameterValueException',
      400,
      'Function does not exist',
    );
    await expectError(
      create({ FunctionName: fn, EventSourceArn: `${queue.arn}-missing` }),
      'InvalidParameterValueException',
      400,
      'Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist.',
    );
  });

  it('checks batching, concurrency and response types', async () => {
    const { fn, queue } = await setup();
    const fifo = (await setup(true)).queue;
    const bad = async (input: Partial<CreateEventSourceMappingCommandInput>, name: string, message: string) =>
      expectError(create({ FunctionName: fn, EventSourceArn: queue.arn, ...input }), name, 400, message);
    await bad(
      { BatchSize: 11 },
      'InvalidParameterValueException',
      'Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10',
    );
    await bad(
      { BatchSize: 10001, MaximumBatchingWindowInSeconds: 1 },
      'ValidationException',
      "1 validation error detected: Value '10001' at 'batchSize' failed to satisfy constraint: Member must have value less than or equal to 10000",
    );
    await bad(
      { BatchSize: 0 },
      'ValidationException',
      "1 validation error detected: Value '0' at 'batchSize' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    await bad(
      { MaximumBatchingWindowInSeconds: 301 },
      'ValidationException',
      "1 validation error detected: Value '301' at 'maximumBatchingWindowInSeconds' failed to satisfy constraint: Member must have value less than or equal to 300",
    );
    await bad(
      { ScalingConfig: { MaximumConcurrency: 1 } },
      'ValidationException',
      "1 validation error detected: Value '1' at 'scalingConfig.maximumConcurrency' failed to satisfy constraint: Member must have value greater than or equal to 2",
    );
    await bad(
      { ScalingConfig: { MaximumConcurrency: 1001 } },
      'ValidationException',
      "1 validation error detected: Value '1001' at 'scalingConfig.maximumConcurrency' failed to satisfy constraint: Member must have value less than or equal to 1000",
    );
    await bad(
      { FunctionResponseTypes: ['Everything' as 'ReportBatchItemFailures'] },
      'ValidationException',
      "1 validation error detected: Value '[Everything]' at 'functionResponseTypes' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [ReportBatchItemFailures]]",
    );
    await expectError(
      create({ FunctionName: fn, EventSourceArn: fifo.arn, BatchSize: 11 }),
      'InvalidParameterValueException',
      400,
      'Maximum batch size must be between 1 and 10 inclusive',
    );
    await expectError(
      create({
        FunctionName: fn,
        EventSourceArn: fifo.arn,
        BatchSize: 10,
        MaximumBatchingWindowInSeconds: 5,
      }),
      'InvalidParameterValueException',
      400,
      'Batching window is not supported for FIFO queues',
    );
    // Up to 10,000 on a standard queue with a window.
    const big = await create({
      FunctionName: fn,
      EventSourceArn: queue.arn,
      BatchSize: 10000,
      MaximumBatchingWindowInSeconds: 1,
    });
    expect(big.BatchSize).toBe(10000);
    await waitForState(lambda, big.UUID!, 'Enabled');
    await expectError(
      lambda.send(new UpdateEventSourceMappingCommand({ UUID: big.UUID, MaximumBatchingWindowInSeconds: 0 })),
      'InvalidParameterValueException',
      400,
      'Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10',
    );
  });

  it('rejects invalid filter patterns with AWS’s one message', async () => {
    const { fn, queue } = await setup();
    for (const Pattern of ['not json', '"a string"', '{"body": "plain"}', '{"eventSource": []}', undefined]) {
      await expectError(
        create({ FunctionName: fn, EventSourceArn: queue.arn, FilterCriteria: { Filters: [{ Pattern }] } }),
        'InvalidParameterValueException',
        400,
        'Invalid filter pattern definition.',
      );
    }
  });

  it('rejects a function that may outlive the queue’s visibility timeout, on create and update', async () => {
    const { queue } = await setup(false, { VisibilityTimeout: '30' });
    const slow = uniqueName('esm-slow');
    await createActive(lambda, slow, undefined, { Timeout: 60 });
    await expectError(
      create({ FunctionName: slow, EventSourceArn: queue.arn }),
      'InvalidParameterValueException',
      400,
      'Queue visibility timeout: 30 seconds is less than Function timeout: 60 seconds',
    );
    const quick = uniqueName('esm-quick');
    await createActive(lambda, quick, undefined, { Timeout: 30 });
    const ok = await create({ FunctionName: quick, EventSourceArn: queue.arn });
    await waitForState(lambda, ok.UUID!, 'Enabled');
    await expectError(
      lambda.send(new UpdateEventSourceMappingCommand({ UUID: ok.UUID, FunctionName: slow })),
      'InvalidParameterValueException',
      400,
      'Queue visibility timeout: 30 seconds is less than Function timeout: 60 seconds',
    );
  });

  it('refuses a second mapping of the same queue and function', async () => {
    const { fn, queue } = await setup();
    const first = await create({ FunctionName: fn, EventSourceArn: queue.arn });
    await expectError(
      create({ FunctionName: `${FN_ARN}:${fn}`, EventSourceArn: queue.arn, BatchSize: 5 }),
      'ResourceConflictException',
      409,
      `An event source mapping with SQS arn (" ${queue.arn} ") and function (" ${fn} ") already exists. Please update or delete the existing mapping with UUID ${first.UUID}`,
    );
  });
});
