// Event source mappings survive a restart: an enabled mapping resumes polling on its own, a
// disabled one stays disabled, and a transition a stop interrupted settles after the restart.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../../src/local/index.js';
import { createQueue, deliveries, JOURNAL_HANDLER, queueDepth, until, waitForState } from './esmHelpers.js';
import { createActive, lambdaClient, uniqueName } from './lambdaHelpers.js';
import { sqsClient, uniqueQueue } from './sqsHelpers.js';

const dataDir = mkdtempSync(join(tmpdir(), 'faas-esm-durable-'));
const work = mkdtempSync(join(tmpdir(), 'faas-esm-durable-work-'));
let running: LocalCloud | undefined;

afterAll(async () => {
  await running?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

describe('event source mapping durability', () => {
  it('resumes enabled mappings after a restart with the same data directory', async () => {
    running = await startLocalCloud({ port: 0, dataDir, timeFactor: 0.02 });
    let lambda = lambdaClient(running.endpoint);
    let sqs = sqsClient(running.endpoint);
    const fn = uniqueName('esm-durable');
    const out = join(work, 'out.jsonl');
    await createActive(lambda, fn, JOURNAL_HANDLER, { Environment: { Variables: { OUT: out } } });
    const queue = await createQueue(sqs, uniqueQueue('esm-durable'));
    const idle = await createQueue(sqs, uniqueQueue('esm-idle'));
    const enabled = await lambda.send(
      new CreateEventSourceMappingCommand({ FunctionName: fn, EventSourceArn: queue.arn, BatchSize: 5 }),
    );
    const disabled = await lambda.send(
      new CreateEventSourceMappingCommand({ FunctionName: fn, EventSourceArn: idle.arn, Enabled: false }),
    );
    await waitForState(lambda, enabled.UUID!, 'Enabled');
    await sqs.send(
      new SendMessageCommand({ QueueUrl: queue.url, MessageBody: JSON.stringify({ tag: 'first' }) }),
    );
    await until(() => deliveries(out).length === 1, 'the first message');
    // Stopped mid-transition: the update is on disk, its settling is not.
    const updating = await lambda.send(
      new UpdateEventSourceMappingCommand({ UUID: enabled.UUID, BatchSize: 7 }),
    );
    expect(updating.State).toBe('Updating');
    await running.stop();
    running = undefined;

    running = await startLocalCloud({ port: 0, dataDir, timeFactor: 0.02 });
    lambda = lambdaClient(running.endpoint);
    sqs = sqsClient(running.endpoint);
    const resumed = await waitForState(lambda, enabled.UUID!, 'Enabled');
    expect(resumed.BatchSize).toBe(7);
    const still = await lambda.send(new GetEventSourceMappingCommand({ UUID: disabled.UUID }));
    expect(still.State).toBe('Disabled');
    const url = `${running.endpoint}/000000000000/${queue.arn.split(':')[5]}`;
    const idleUrl = `${running.endpoint}/000000000000/${idle.arn.split(':')[5]}`;
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify({ tag: 'second' }) }));
    await sqs.send(
      new SendMessageCommand({ QueueUrl: idleUrl, MessageBody: JSON.stringify({ tag: 'idle' }) }),
    );
    await until(() => deliveries(out).length === 2, 'the message sent after the restart');
    expect(deliveries(out).map((d) => (d.body as { tag: string }).tag)).toEqual(['first', 'second']);
    await until(async () => (await queueDepth(sqs, url)) === 0, 'the queue to drain');
    expect(await queueDepth(sqs, idleUrl)).toBe(1);
  });
});
