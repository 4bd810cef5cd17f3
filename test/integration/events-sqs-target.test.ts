import {
  EventBridgeClient,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  type PutEventsRequestEntry,
  PutRuleCommand,
  PutTargetsCommand,
  type Target,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local/index.js';
import { useLocalCloud } from '../helpers/localCloud.js';
import { serviceSendPolicy, sqsClient, uniqueQueue } from './sqsHelpers.js';

const ACCOUNT = '000000000000';
let counter = 0;
const unique = (base: string): string => `${base}-${process.pid}-${++counter}`;

let local: LocalCloud;
let eb: EventBridgeClient;
let sqs: SQSClient;
const lines: string[] = [];
useLocalCloud(
  (l) => {
    local = l;
    eb = new EventBridgeClient({
      endpoint: l.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    sqs = sqsClient(l.endpoint);
  },
  // Retry back-off runs 1000 times faster (nothing here should retry, but nothing may wait either).
  { timeFactor: 0.001, log: (line) => lines.push(line) },
);

const idle = () => local.cloud.api('events').whenIdle();

/** A queue EventBridge may send to (its policy allows events.amazonaws.com), unless `Attributes` say otherwise. */
async function queue(fifo = false, Attributes: Record<string, string> = {}) {
  const QueueName = uniqueQueue('eb-target', fifo);
  const Policy = serviceSendPolicy(QueueName, 'events.amazonaws.com');
  const { QueueUrl } = await sqs.send(
    new CreateQueueCommand({
      QueueName,
      Attributes: fifo ? { FifoQueue: 'true', Policy, ...Attributes } : { Policy, ...Attributes },
    }),
  );
  const { Attributes: attrs } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  return { url: QueueUrl!, arn: attrs!.QueueArn! };
}

async function receiveAll(url: string): Promise<Message[]> {
  const out = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: url,
      MaxNumberOfMessages: 10,
      MessageSystemAttributeNames: ['All'],
    }),
  );
  return out.Messages ?? [];
}

/** A rule matching `source` with the given targets; returns its name and ARN. */
async function rule(source: string, targets: Target[]) {
  const name = unique('rule');
  const { RuleArn } = await eb.send(
    new PutRuleCommand({ Name: name, EventPattern: JSON.stringify({ source: [source] }) }),
  );
  const put = await eb.send(new PutTargetsCommand({ Rule: name, Targets: targets }));
  expect(put.FailedEntryCount).toBe(0);
  return { name, arn: RuleArn! };
}

const entry = (source: string, over: Partial<PutEventsRequestEntry> = {}): PutEventsRequestEntry => ({
  Source: source,
  DetailType: 'OrderPlaced',
  Detail: JSON.stringify({ id: 'o-1', location: 'eu-west-1', amount: 42 }),
  ...over,
});

describe('EventBridge → SQS targets', () => {
  it('delivers the event to a standard queue as the exact EventBridge envelope', async () => {
    const q = await queue();
    const source = unique('app.orders');
    const r = await rule(source, [{ Id: 'queue', Arn: q.arn }]);
    const out = await eb.send(
      new PutEventsCommand({
        Entries: [
          entry(source, {
            Time: new Date('2024-05-01T10:20:30.456Z'),
            Resources: ['arn:aws:s3:::bucket/key'],
          }),
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(0);
    await idle();
    const messages = await receiveAll(q.url);
    expect(messages).toHaveLength(1);
    // Byte for byte, key order included: what a consumer parsing the body sees on AWS.
    expect(messages[0]!.Body).toBe(
      JSON.stringify({
        version: '0',
        id: out.Entries![0]!.EventId,
        'detail-type': 'OrderPlaced',
        source,
        account: ACCOUNT,
        time: '2024-05-01T10:20:30Z',
        region: 'us-east-1',
        resources: ['arn:aws:s3:::bucket/key'],
        detail: { id: 'o-1', location: 'eu-west-1', amount: 42 },
      }),
    );
    expect(local.cloud.api('events').ruleStats(r.arn)).toEqual({
      matched: 1,
      delivered: 1,
      failed: 0,
      retried: 0,
    });
  });

  it('sends the InputTransformer output, and a constant Input, as the message body', async () => {
    const transformed = await queue();
    const constant = await queue();
    const source = unique('app.orders');
    const r = await rule(source, [
      {
        Id: 'transformed',
        Arn: transformed.arn,
        InputTransformer: {
          InputPathsMap: { order: '$.detail.id', where: '$.detail.location' },
          InputTemplate: '{"order": <order>, "where": "in <where>", "rule": <aws.events.rule-name>}',
        },
      },
      { Id: 'constant', Arn: constant.arn, Input: '{"custom-value":"somecustominput"}' },
    ]);
    await eb.send(new PutEventsCommand({ Entries: [entry(source)] }));
    await idle();
    const [message] = await receiveAll(transformed.url);
    expect(JSON.parse(message!.Body!)).toEqual({ order: 'o-1', where: 'in eu-west-1', rule: r.name });
    expect((await receiveAll(constant.url)).map((m) => m.Body)).toEqual([
      '{"custom-value":"somecustominput"}',
    ]);
  });

  it('delivers to a FIFO queue in order, in the target MessageGroupId', async () => {
    const q = await queue(true, { ContentBasedDeduplication: 'true' });
    const source = unique('app.orders');
    const r = await rule(source, [
      { Id: 'fifo', Arn: q.arn, SqsParameters: { MessageGroupId: 'orders' }, InputPath: '$.detail' },
    ]);
    for (let seq = 1; seq <= 6; seq++)
      await eb.send(new PutEventsCommand({ Entries: [entry(source, { Detail: JSON.stringify({ seq }) })] }));
    // Several entries in one request keep their order too.
    await eb.send(
      new PutEventsCommand({
        Entries: [7, 8, 9].map((seq) => entry(source, { Detail: JSON.stringify({ seq }) })),
      }),
    );
    await idle();
    const messages = await receiveAll(q.url);
    expect(messages.map((m) => JSON.parse(m.Body!).seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set(messages.map((m) => m.Attributes?.MessageGroupId))).toEqual(new Set(['orders']));
    expect(local.cloud.api('events').ruleStats(r.arn).delivered).toBe(9);
  });

  it('fails PutTargets entries for a FIFO queue without SqsParameters.MessageGroupId', async () => {
    const q = await queue(true, { ContentBasedDeduplication: 'true' });
    const name = unique('rule');
    await eb.send(new PutRuleCommand({ Name: name, EventPattern: JSON.stringify({ source: ['x'] }) }));
    const out = await eb.send(
      new PutTargetsCommand({
        Rule: name,
        Targets: [
          { Id: 'no-params', Arn: q.arn },
          { Id: 'no-group', Arn: q.arn, SqsParameters: {} },
          { Id: 'good', Arn: q.arn, SqsParameters: { MessageGroupId: 'g' } },
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(2);
    expect(out.FailedEntries).toEqual([
      {
        TargetId: 'no-params',
        ErrorCode: 'ValidationException',
        ErrorMessage: 'Parameter(s) SqsParameters must be specified for target: no-params.',
      },
      {
        TargetId: 'no-group',
        ErrorCode: 'ValidationException',
        ErrorMessage: 'Parameter(s) SqsParameters must be specified for target: no-group.',
      },
    ]);
    const listed = await eb.send(new ListTargetsByRuleCommand({ Rule: name }));
    expect(listed.Targets).toEqual([{ Id: 'good', Arn: q.arn, SqsParameters: { MessageGroupId: 'g' } }]);
  });

  it('refuses a FIFO queue as a dead-letter queue', async () => {
    const q = await queue();
    const dlq = await queue(true);
    const name = unique('rule');
    await eb.send(new PutRuleCommand({ Name: name, EventPattern: JSON.stringify({ source: ['x'] }) }));
    await expect(
      eb.send(
        new PutTargetsCommand({
          Rule: name,
          Targets: [{ Id: 'q', Arn: q.arn, DeadLetterConfig: { Arn: dlq.arn } }],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'SQS FIFO is not supported by Dead Letter Queues.',
    });
    expect((await eb.send(new ListTargetsByRuleCommand({ Rule: name }))).Targets).toEqual([]);
  });

  it('sends the event to the dead-letter queue, without retrying, when the queue was deleted', async () => {
    const q = await queue();
    const dlq = await queue();
    const source = unique('app.orders');
    const r = await rule(source, [
      { Id: 'gone', Arn: q.arn, Input: '"transformed"', DeadLetterConfig: { Arn: dlq.arn } },
    ]);
    await sqs.send(new DeleteQueueCommand({ QueueUrl: q.url }));
    const out = await eb.send(new PutEventsCommand({ Entries: [entry(source)] }));
    expect(out.FailedEntryCount).toBe(0);
    await idle();
    expect(local.cloud.api('events').ruleStats(r.arn)).toEqual({
      matched: 1,
      delivered: 0,
      failed: 1,
      retried: 0,
    });
    expect(lines.some((l) => l.includes(r.arn) && l.includes('QueueDoesNotExist'))).toBe(true);
    const [dead] = await receiveAll(dlq.url);
    // The dead-letter queue gets the event itself, not the target's input.
    expect(JSON.parse(dead!.Body!)).toMatchObject({ id: out.Entries![0]!.EventId, source });
  });

  it('fails the delivery, without retrying, when the queue policy does not let EventBridge send', async () => {
    const q = await queue(false, { Policy: '' });
    const dlq = await queue();
    const source = unique('app.orders');
    const r = await rule(source, [{ Id: 'nopolicy', Arn: q.arn, DeadLetterConfig: { Arn: dlq.arn } }]);
    await eb.send(new PutEventsCommand({ Entries: [entry(source)] }));
    await idle();
    expect(local.cloud.api('events').ruleStats(r.arn)).toMatchObject({ delivered: 0, failed: 1, retried: 0 });
    expect(
      lines.some(
        (l) =>
          l.includes(r.arn) &&
          l.includes(
            `AccessDenied: The queue policy of ${q.arn} does not let events.amazonaws.com sqs:SendMessage`,
          ),
      ),
    ).toBe(true);
    expect(await receiveAll(q.url)).toEqual([]);
    expect(await receiveAll(dlq.url)).toHaveLength(1);
  });

  it('fails the delivery to a FIFO queue without content-based deduplication (AWS requires it)', async () => {
    const q = await queue(true);
    const dlq = await queue();
    const source = unique('app.orders');
    const r = await rule(source, [
      { Id: 'fifo', Arn: q.arn, SqsParameters: { MessageGroupId: 'g' }, DeadLetterConfig: { Arn: dlq.arn } },
    ]);
    await eb.send(new PutEventsCommand({ Entries: [entry(source)] }));
    await idle();
    expect(local.cloud.api('events').ruleStats(r.arn)).toMatchObject({ delivered: 0, failed: 1, retried: 0 });
    // SQS's own refusal: "The queue should either have ContentBasedDeduplication enabled or …".
    expect(lines.some((l) => l.includes(r.arn) && l.includes('ContentBasedDeduplication'))).toBe(true);
    expect(await receiveAll(q.url)).toEqual([]);
    expect(await receiveAll(dlq.url)).toHaveLength(1);
  });

  it('accepts a MessageGroupId for a standard queue (fair queues)', async () => {
    const q = await queue();
    const source = unique('app.orders');
    const r = await rule(source, [{ Id: 'std', Arn: q.arn, SqsParameters: { MessageGroupId: 'tenant-1' } }]);
    await eb.send(new PutEventsCommand({ Entries: [entry(source)] }));
    await idle();
    expect(await receiveAll(q.url)).toHaveLength(1);
    expect(local.cloud.api('events').ruleStats(r.arn).delivered).toBe(1);
  });
});
