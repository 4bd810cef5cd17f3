// The webhook flow's front half: an HTTP API route with the first-class SQS-SendMessage integration
// (no Lambda in the request path) into a FIFO queue, acting as an IAM role; request parameter
// mapping; SQS's answers relayed as AWS does; and the CreateIntegration checks.

import { createHash, randomUUID } from 'node:crypto';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateIntegrationCommand,
  type CreateIntegrationCommandInput,
  CreateRouteCommand,
  CreateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../../src/local/index.js';
import { createQueue, expectError } from './esmHelpers.js';
import { sqsClient, uniqueQueue } from './sqsHelpers.js';

let local: LocalCloud;
let apigw: ApiGatewayV2Client;
let iam: IAMClient;
let sqs: SQSClient;
const logs: string[] = [];
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

beforeAll(async () => {
  local = await startLocalCloud({ port: 0, ephemeral: true, log: (l) => logs.push(l) });
  apigw = new ApiGatewayV2Client({ endpoint: local.endpoint, region: 'us-east-1', credentials });
  iam = new IAMClient({ endpoint: local.endpoint, region: 'us-east-1', credentials });
  sqs = sqsClient(local.endpoint);
});
afterAll(async () => {
  await local.stop();
});

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
});

/** A role API Gateway may assume, allowed `actions` on `resource` by an inline policy. */
async function role(actions: string[], resource: string): Promise<string> {
  const name = `apigw-sqs-${randomUUID().slice(0, 8)}`;
  const created = await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST }));
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: name,
      PolicyName: 'send',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: actions, Resource: resource }],
      }),
    }),
  );
  return created.Role!.Arn!;
}

/** An HTTP API with one route to an SQS-SendMessage integration; returns the route's URL base. */
async function api(routeKey: string, integration: Partial<CreateIntegrationCommandInput>): Promise<string> {
  const created = await apigw.send(
    new CreateApiCommand({ Name: `webhook-${randomUUID()}`, ProtocolType: 'HTTP' }),
  );
  const target = await apigw.send(
    new CreateIntegrationCommand({
      ApiId: created.ApiId,
      IntegrationType: 'AWS_PROXY',
      IntegrationSubtype: 'SQS-SendMessage',
      PayloadFormatVersion: '1.0',
      ...integration,
    }),
  );
  await apigw.send(
    new CreateRouteCommand({
      ApiId: created.ApiId,
      RouteKey: routeKey,
      Target: `integrations/${target.IntegrationId}`,
    }),
  );
  await apigw.send(new CreateStageCommand({ ApiId: created.ApiId, StageName: '$default', AutoDeploy: true }));
  return created.ApiEndpoint!;
}

const WEBHOOK_PARAMS = (queueUrl: string) => ({
  QueueUrl: queueUrl,
  MessageBody: '$request.body',
  MessageGroupId: '$request.header.x-webhook-group',
  MessageDeduplicationId: '$request.header.x-webhook-id',
});

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

/** A message body built from the path, the query string, the context and a JSONPath into the body. */
const ITEM_BODY =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: API Gateway's own ${…} syntax, not JavaScript's
  '{"id":"${request.path.id}","q":"${request.querystring.q}","req":"${context.requestId}","name":"${request.body.user.name}"}';

describe('HTTP API → SQS-SendMessage', () => {
  it('puts the webhook into the FIFO queue with group and deduplication ids from headers', async () => {
    const queue = await createQueue(sqs, uniqueQueue('webhook', true), { FifoQueue: 'true' });
    const endpoint = await api('POST /webhook', {
      CredentialsArn: await role(['sqs:SendMessage'], queue.arn),
      RequestParameters: WEBHOOK_PARAMS(queue.url),
    });
    const body = JSON.stringify({ event: 'user.deleted', id: 7 });
    const headers = { 'x-webhook-group': 'tenant-1', 'x-webhook-id': 'evt-1' };
    const res = await post(`${endpoint}/webhook`, body, headers);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const answer = (await res.json()) as {
      SendMessageResponse: {
        ResponseMetadata: { RequestId: string };
        SendMessageResult: Record<string, unknown>;
      };
    };
    expect(Object.keys(answer.SendMessageResponse)).toEqual(['ResponseMetadata', 'SendMessageResult']);
    const result = answer.SendMessageResponse.SendMessageResult;
    expect(Object.keys(result)).toEqual([
      'MD5OfMessageAttributes',
      'MD5OfMessageBody',
      'MD5OfMessageSystemAttributes',
      'MessageId',
      'SequenceNumber',
    ]);
    expect(result).toMatchObject({
      MD5OfMessageAttributes: null,
      MD5OfMessageBody: createHash('md5').update(body).digest('hex'),
      MD5OfMessageSystemAttributes: null,
    });
    expect(result.SequenceNumber).toMatch(/^\d+$/);
    expect(answer.SendMessageResponse.ResponseMetadata.RequestId).toMatch(/^[0-9a-f-]{36}$/);

    // The same webhook id within five minutes is deduplicated: same MessageId, one message.
    const again = (await (await post(`${endpoint}/webhook`, body, headers)).json()) as typeof answer;
    expect(again.SendMessageResponse.SendMessageResult.MessageId).toBe(result.MessageId);
    const got = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queue.url,
        MaxNumberOfMessages: 10,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    expect(got.Messages).toHaveLength(1);
    expect(got.Messages![0]).toMatchObject({ MessageId: result.MessageId, Body: body });
    expect(got.Messages![0].Attributes).toMatchObject({
      MessageGroupId: 'tenant-1',
      MessageDeduplicationId: 'evt-1',
    });
  });

  it('a mapping with static text has a value without its header; a source alone is then left out', async () => {
    const queue = await createQueue(sqs, uniqueQueue('webhook-default', true), {
      FifoQueue: 'true',
      ContentBasedDeduplication: 'true',
    });
    const endpoint = await api('POST /webhook', {
      CredentialsArn: await role(['sqs:SendMessage'], queue.arn),
      RequestParameters: {
        ...WEBHOOK_PARAMS(queue.url),
        // biome-ignore lint/suspicious/noTemplateCurlyInString: API Gateway's own ${…} syntax
        MessageGroupId: 'g:${request.header.x-webhook-group}',
      },
    });
    expect((await post(`${endpoint}/webhook`, '{"n":1}')).status).toBe(200);
    expect((await post(`${endpoint}/webhook`, '{"n":2}', { 'x-webhook-group': 'a' })).status).toBe(200);
    const got = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queue.url,
        MaxNumberOfMessages: 10,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    expect(got.Messages!.map((m) => [m.Body, m.Attributes?.MessageGroupId])).toEqual([
      ['{"n":1}', 'g:'],
      ['{"n":2}', 'g:a'],
    ]);
    // No x-webhook-id: no MessageDeduplicationId was sent, so the body's hash is the id.
    const hash = createHash('sha256').update('{"n":1}').digest('hex');
    expect(got.Messages![0].Attributes?.MessageDeduplicationId).toBe(hash);
  });

  it('relays SQS’s client errors with their status; an over-size body can be mapped to 413', async () => {
    const queue = await createQueue(sqs, uniqueQueue('webhook-errors', true), { FifoQueue: 'true' });
    const credentialsArn = await role(['sqs:*'], 'arn:aws:sqs:us-east-1:000000000000:*');
    const endpoint = await api('POST /webhook', {
      CredentialsArn: credentialsArn,
      RequestParameters: WEBHOOK_PARAMS(queue.url),
    });
    const noGroup = await post(`${endpoint}/webhook`, '{}', { 'x-webhook-id': 'e1' });
    expect(noGroup.status).toBe(400);
    const error = (await noGroup.json()) as { Error: Record<string, string>; RequestId: string };
    expect(error.Error).toEqual({
      Code: 'MissingParameter',
      Message: 'The request must contain the parameter MessageGroupId.',
      Type: 'Sender',
    });
    expect(error.RequestId).toMatch(/^[0-9a-f-]{36}$/);

    // SQS refuses a body over the queue's MaximumMessageSize (1 MiB by default) with 400
    // InvalidParameterValue: API Gateway's own 413 only starts at 10 MB…
    const big = JSON.stringify({ blob: 'x'.repeat(1100 * 1024) });
    const headers = { 'x-webhook-group': 'g', 'x-webhook-id': 'big' };
    const tooBig = await post(`${endpoint}/webhook`, big, headers);
    expect(tooBig.status).toBe(400);
    expect(((await tooBig.json()) as { Error: Record<string, string> }).Error).toMatchObject({
      Code: 'InvalidParameterValue',
      Message: 'One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.',
    });
    // …which a response parameter mapping on the integration turns into 413.
    const mapped = await api('POST /webhook', {
      CredentialsArn: credentialsArn,
      RequestParameters: WEBHOOK_PARAMS(queue.url),
      ResponseParameters: { '400': { 'overwrite:statuscode': '413', 'append:header.x-reason': 'rejected' } },
    });
    const res413 = await post(`${mapped}/webhook`, big, headers);
    expect(res413.status).toBe(413);
    expect(res413.headers.get('x-reason')).toBe('rejected');

    // A queue that does not exist is SQS's NonExistentQueue.
    const missing = await api('POST /webhook', {
      CredentialsArn: credentialsArn,
      RequestParameters: WEBHOOK_PARAMS(`${local.endpoint}/000000000000/no-such-queue.fifo`),
    });
    const gone = await post(`${missing}/webhook`, '{}', headers);
    expect(gone.status).toBe(400);
    expect(((await gone.json()) as { Error: Record<string, string> }).Error).toMatchObject({
      Code: 'AWS.SimpleQueueService.NonExistentQueue',
      Message: 'The specified queue does not exist.',
    });
  });

  it('answers 500 when the role does not allow sqs:SendMessage on the queue, or does not exist', async () => {
    const queue = await createQueue(sqs, uniqueQueue('webhook-denied', true), { FifoQueue: 'true' });
    const headers = { 'x-webhook-group': 'g', 'x-webhook-id': 'e' };
    for (const credentialsArn of [
      await role(['sqs:ReceiveMessage'], queue.arn),
      await role(['sqs:SendMessage'], `${queue.arn}-other`),
      'arn:aws:iam::000000000000:role/no-such-role',
    ]) {
      const endpoint = await api('POST /webhook', {
        CredentialsArn: credentialsArn,
        RequestParameters: WEBHOOK_PARAMS(queue.url),
      });
      const res = await post(`${endpoint}/webhook`, '{}', headers);
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ message: 'Internal Server Error' });
    }
    expect(logs.some((l) => l.includes('is not authorized to perform: sqs:SendMessage'))).toBe(true);
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url }));
    expect(got.Messages ?? []).toHaveLength(0);
  });

  it('maps path, query string, context, JSONPath and MessageAttributes into a standard queue', async () => {
    const queue = await createQueue(sqs, uniqueQueue('webhook-std'));
    const endpoint = await api('POST /items/{id}', {
      CredentialsArn: await role(['sqs:SendMessage'], queue.arn),
      RequestParameters: {
        QueueUrl: queue.url,
        MessageBody: ITEM_BODY,
        MessageAttributes: '$request.body.attrs',
        DelaySeconds: '0',
      },
    });
    const attrs = { Kind: { DataType: 'String', StringValue: 'order' } };
    const res = await post(`${endpoint}/items/42?q=fast`, JSON.stringify({ user: { name: 'Ada' }, attrs }));
    expect(res.status).toBe(200);
    const requestId = res.headers.get('apigw-requestid');
    const result = (
      (await res.json()) as { SendMessageResponse: { SendMessageResult: Record<string, unknown> } }
    ).SendMessageResponse.SendMessageResult;
    expect(result.SequenceNumber).toBeNull();
    const got = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queue.url, MessageAttributeNames: ['All'] }),
    );
    const message = got.Messages![0];
    expect(JSON.parse(message.Body!)).toEqual({ id: '42', q: 'fast', req: requestId, name: 'Ada' });
    expect(message.MessageAttributes).toEqual({ Kind: { DataType: 'String', StringValue: 'order' } });
    expect(result.MD5OfMessageAttributes).toBe(message.MD5OfMessageAttributes);
  });
});

describe('CreateIntegration with IntegrationSubtype', () => {
  it('rejects what AWS rejects', async () => {
    const created = await apigw.send(
      new CreateApiCommand({ Name: `bad-${randomUUID()}`, ProtocolType: 'HTTP' }),
    );
    const make = (input: Partial<CreateIntegrationCommandInput>) =>
      apigw.send(
        new CreateIntegrationCommand({
          ApiId: created.ApiId,
          IntegrationType: 'AWS_PROXY',
          IntegrationSubtype: 'SQS-SendMessage',
          PayloadFormatVersion: '1.0',
          ...input,
        }),
      );
    const roleArn = 'arn:aws:iam::000000000000:role/r';
    const url = `${local.endpoint}/000000000000/q`;
    await expectError(
      make({ RequestParameters: { QueueUrl: url, MessageBody: '$request.body' } }),
      'BadRequestException',
      400,
      'CredentialsArn is required for integration subtype SQS-SendMessage',
    );
    await expectError(
      make({ CredentialsArn: roleArn, RequestParameters: { MessageBody: '$request.body' } }),
      'BadRequestException',
      400,
      'RequestParameters must include QueueUrl for integration subtype SQS-SendMessage',
    );
    await expectError(
      make({ CredentialsArn: roleArn }),
      'BadRequestException',
      400,
      'RequestParameters must include QueueUrl, MessageBody for integration subtype SQS-SendMessage',
    );
    await expectError(
      make({
        CredentialsArn: roleArn,
        RequestParameters: {
          QueueUrl: url,
          MessageBody: '$request.body',
          MessageAttributes: '{"a":{"DataType":"String"}}',
        },
      }),
      'BadRequestException',
      400,
      'Invalid selection expression specified: Validation Result: warnings : [], errors : [Invalid source: {"a":{"DataType":"String"}} specified for destination: MessageAttributes]',
    );
    await expectError(
      make({
        CredentialsArn: roleArn,
        RequestParameters: { QueueUrl: url, MessageBody: '$request.nowhere' },
      }),
      'BadRequestException',
      400,
      'Invalid selection expression specified: Validation Result: warnings : [], errors : [Invalid source: $request.nowhere specified for destination: MessageBody]',
    );
    await expectError(
      make({
        CredentialsArn: roleArn,
        RequestParameters: { QueueUrl: url, MessageBody: 'x', Colour: 'red' },
      }),
      'BadRequestException',
      400,
      'Invalid request parameter Colour for integration subtype SQS-SendMessage',
    );
    await expectError(
      make({ IntegrationSubtype: 'SQS-Teleport', CredentialsArn: roleArn }),
      'BadRequestException',
      400,
    );
    await expectError(
      make({
        CredentialsArn: roleArn,
        RequestParameters: { QueueUrl: url, MessageBody: 'x' },
        ResponseParameters: { '700': { 'overwrite:statuscode': '413' } },
      }),
      'BadRequestException',
      400,
    );
  });
});
