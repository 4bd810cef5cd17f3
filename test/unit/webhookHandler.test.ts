// The webhook Lambda: routing for API Gateway payload 1.0 and 2.0, and SQS records rebuilt into
// POST /webhook, stored as webhooks/<group>/<sequence>.json, with per-record failures (FIFO: the
// rest of a failed group is reported too).
import type { PutObjectCommand, PutObjectCommandOutput } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createWebhookHandler } from '../../src/handlers/webhook.js';
import { context, fakeLogger } from '../fixtures/handlerFakes.js';

function fakeS3(fail: (key: string) => boolean = () => false) {
  const objects = new Map<string, string>();
  return {
    objects,
    send: async (command: PutObjectCommand): Promise<PutObjectCommandOutput> => {
      const key = command.input.Key!;
      if (fail(key)) throw new Error(`S3 refused ${key}`);
      objects.set(key, String(command.input.Body));
      return { $metadata: { httpStatusCode: 200 } };
    },
  };
}

function make(s3 = fakeS3()) {
  const handler = createWebhookHandler({
    s3,
    logger: fakeLogger(),
    bucketName: () => 'bucket',
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  return { s3, handler };
}

const v2 = (method: string, rawPath: string, rawQueryString = ''): APIGatewayProxyEventV2 =>
  ({
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers: {},
    isBase64Encoded: false,
    requestContext: { http: { method, path: rawPath } },
  }) as unknown as APIGatewayProxyEventV2;

const v1 = (httpMethod: string, path: string): APIGatewayProxyEvent =>
  ({
    resource: path,
    httpMethod,
    path,
    headers: {},
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: { httpMethod, path, stage: '$default', requestId: 'r1' },
    body: null,
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEvent;

const record = (
  id: string,
  group: string | undefined,
  sequence: string,
  body: string,
  dedup?: string,
): SQSRecord =>
  ({
    messageId: id,
    receiptHandle: `rh-${id}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '0',
      SenderId: 'x',
      ApproximateFirstReceiveTimestamp: '0',
      SequenceNumber: sequence,
      ...(group ? { MessageGroupId: group } : {}),
      ...(dedup ? { MessageDeduplicationId: dedup } : {}),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:demo-webhook.fifo',
    awsRegion: 'eu-west-1',
  }) as SQSRecord;

describe('webhook handler over HTTP', () => {
  it('answers payload 2.0: GET /health, GET /api/{path+} with the query, and 404 otherwise', async () => {
    const { handler } = make();
    expect(await handler(v2('GET', '/health'), context)).toMatchObject({
      statusCode: 200,
      body: '{"status":"ok"}',
    });
    expect(
      JSON.parse(((await handler(v2('GET', '/api/a/b', 'x=1'), context)) as { body: string }).body),
    ).toEqual({
      path: 'a/b',
      query: { x: '1' },
    });
    const notFound = await handler(v2('GET', '/nope'), context);
    expect(notFound).toMatchObject({ statusCode: 404 });
    expect(JSON.parse((notFound as { body: string }).body)).toEqual({
      statusCode: 404,
      error: 'NotFoundError',
      message: 'Route /nope for method GET not found',
    });
    // Powertools' router answers 404 for a path known under another method only.
    expect(await handler(v2('DELETE', '/health'), context)).toMatchObject({ statusCode: 404 });
  });

  it('answers payload 1.0 in its own shape (isBase64Encoded spelled out)', async () => {
    const { handler } = make();
    expect(await handler(v1('GET', '/'), context)).toMatchObject({ statusCode: 200, isBase64Encoded: false });
  });

  it('refuses POST /webhook called directly: it only comes through the queue', async () => {
    const { handler, s3 } = make();
    const res = await handler(v2('POST', '/webhook'), context);
    expect(res).toMatchObject({ statusCode: 400 });
    expect(JSON.parse((res as { body: string }).body)).toEqual({
      statusCode: 400,
      error: 'BadRequestError',
      message: 'POST /webhook goes through the queue',
    });
    expect(s3.objects.size).toBe(0);
  });
});

describe('webhook handler over SQS', () => {
  it('stores each record under its group and sequence, with its id; a malformed body as text', async () => {
    const { handler, s3 } = make();
    const event: SQSEvent = {
      Records: [record('m1', 'a', '10', '{"n":1}', 'id-1'), record('m2', 'a', '11', '{oops', 'id-2')],
    };
    expect(await handler(event, context)).toEqual({ batchItemFailures: [] });
    expect(JSON.parse(s3.objects.get('webhooks/a/10.json')!)).toMatchObject({
      id: 'id-1',
      group: 'a',
      sequenceNumber: '10',
      body: { n: 1 },
      bodyIsText: false,
    });
    expect(JSON.parse(s3.objects.get('webhooks/a/11.json')!)).toMatchObject({
      id: 'id-2',
      body: '{oops',
      bodyIsText: true,
    });
  });

  it('puts a record without a group in the default group', async () => {
    const { handler, s3 } = make();
    await handler({ Records: [record('m1', undefined, '1', '{}')] }, context);
    expect(JSON.parse(s3.objects.get('webhooks/default/1.json')!)).toMatchObject({
      id: 'm1',
      group: 'default',
    });
  });

  it('reads the group from the FIFO group API Gateway wrote: g:<header>, and g: alone is the default', async () => {
    const { handler, s3 } = make();
    const records = [
      record('m1', 'g:payments', '1', '{}'),
      record('m2', 'g:', '2', '{}'),
      record('m3', 'g:g:x', '3', '{}'),
    ];
    expect(await handler({ Records: records }, context)).toEqual({ batchItemFailures: [] });
    expect([...s3.objects.keys()].sort()).toEqual([
      'webhooks/default/2.json',
      'webhooks/g%3Ax/3.json',
      'webhooks/payments/1.json',
    ]);
    expect(JSON.parse(s3.objects.get('webhooks/payments/1.json')!)).toMatchObject({ group: 'payments' });
  });

  it('reports a failed record and the rest of its group, never another group', async () => {
    const { handler, s3 } = make(fakeS3((key) => key === 'webhooks/a/1.json'));
    const event: SQSEvent = {
      Records: [record('a1', 'a', '1', '{}'), record('b1', 'b', '2', '{}'), record('a2', 'a', '3', '{}')],
    };
    expect(await handler(event, context)).toEqual({
      batchItemFailures: [{ itemIdentifier: 'a1' }, { itemIdentifier: 'a2' }],
    });
    expect([...s3.objects.keys()]).toEqual(['webhooks/b/2.json']);
  });

  it('runs the groups of a batch side by side, each in its own order', async () => {
    const s3 = fakeS3();
    const started: string[] = [];
    const send = s3.send;
    s3.send = async (command) => {
      started.push(command.input.Key!);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return send(command);
    };
    const { handler } = make(s3);
    const event: SQSEvent = {
      Records: [record('a1', 'a', '1', '{}'), record('a2', 'a', '2', '{}'), record('b1', 'b', '3', '{}')],
    };
    expect(await handler(event, context)).toEqual({ batchItemFailures: [] });
    // b1 does not wait behind a's two writes; a2 waits for a1.
    expect(started).toEqual(['webhooks/a/1.json', 'webhooks/b/3.json', 'webhooks/a/2.json']);
  });
});
