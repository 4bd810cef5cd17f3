// SQS on the wire with plain fetch: the awsQuery protocol older SDKs and CLIs speak (form bodies,
// XML answers and errors, POSTs to the queue URL itself), and the awsJson protocol's
// query-compatible error header.

import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local/index.js';
import { useLocalCloud } from '../helpers/localCloud.js';
import { uniqueQueue } from './sqsHelpers.js';

let local: LocalCloud;
useLocalCloud((l) => {
  local = l;
});

const NS = 'http://queue.amazonaws.com/doc/2012-11-05/';
const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false });
const SIGNED = {
  authorization:
    'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0',
};

/** POSTs a form to `url` (the endpoint or a queue URL) and parses the XML answer. */
async function query(params: Record<string, string>, url = `${local.endpoint}/`, signed = true) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signed ? SIGNED : {}) },
    body: new URLSearchParams({ Version: '2012-11-05', ...params }),
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: parsed XML is walked ad hoc by the assertions
  type Xml = Record<string, any>;
  return { status: res.status, headers: res.headers, text, doc: parser.parse(text) as Xml };
}

describe('awsQuery protocol', () => {
  it('creates a queue with attributes and tags, and reads them back as XML', async () => {
    const name = uniqueQueue('query');
    const created = await query({
      Action: 'CreateQueue',
      QueueName: name,
      'Attribute.1.Name': 'VisibilityTimeout',
      'Attribute.1.Value': '45',
      'Attribute.2.Name': 'DelaySeconds',
      'Attribute.2.Value': '0',
      'Tag.1.Key': 'team',
      'Tag.1.Value': 'core',
    });
    expect(created.status).toBe(200);
    expect(created.doc.CreateQueueResponse['@_xmlns']).toBe(NS);
    const url = created.doc.CreateQueueResponse.CreateQueueResult.QueueUrl;
    expect(url).toBe(`${local.endpoint}/000000000000/${name}`);
    expect(created.doc.CreateQueueResponse.ResponseMetadata.RequestId).toMatch(/^[0-9a-f-]{36}$/);

    const attrs = await query({
      Action: 'GetQueueAttributes',
      QueueUrl: url,
      'AttributeName.1': 'VisibilityTimeout',
      'AttributeName.2': 'QueueArn',
    });
    expect(attrs.doc.GetQueueAttributesResponse.GetQueueAttributesResult.Attribute).toEqual([
      { Name: 'VisibilityTimeout', Value: '45' },
      { Name: 'QueueArn', Value: `arn:aws:sqs:us-east-1:000000000000:${name}` },
    ]);
    const tags = await query({ Action: 'ListQueueTags', QueueUrl: url });
    expect(tags.doc.ListQueueTagsResponse.ListQueueTagsResult.Tag).toEqual({ Key: 'team', Value: 'core' });
  });

  it('sends to the queue URL itself (no QueueUrl parameter, unsigned) and receives with attributes', async () => {
    const name = uniqueQueue('direct');
    const url = (await query({ Action: 'CreateQueue', QueueName: name })).doc.CreateQueueResponse
      .CreateQueueResult.QueueUrl as string;
    const sent = await query(
      {
        Action: 'SendMessage',
        MessageBody: 'hello <query> & "xml"',
        'MessageAttribute.1.Name': 'MyAttribute',
        'MessageAttribute.1.Value.DataType': 'String',
        'MessageAttribute.1.Value.StringValue': 'foobar',
      },
      url,
      false,
    );
    expect(sent.status).toBe(200);
    const result = sent.doc.SendMessageResponse.SendMessageResult;
    // MD5 of the attribute as AWS computes it (a value recorded from AWS).
    expect(result.MD5OfMessageAttributes).toBe('adb59cd4678ea5a855436b949cd07ab6');
    expect(result.MessageId).toMatch(/^[0-9a-f-]{36}$/);

    const got = await query(
      {
        Action: 'ReceiveMessage',
        'AttributeName.1': 'All',
        'MessageAttributeName.1': 'All',
        MaxNumberOfMessages: '5',
      },
      url,
    );
    const m = got.doc.ReceiveMessageResponse.ReceiveMessageResult.Message;
    expect(m.Body).toBe('hello <query> & "xml"');
    expect(m.MessageId).toBe(result.MessageId);
    expect(m.MD5OfMessageAttributes).toBe('adb59cd4678ea5a855436b949cd07ab6');
    expect(m.MessageAttribute).toEqual({
      Name: 'MyAttribute',
      Value: { DataType: 'String', StringValue: 'foobar' },
    });
    const system = Object.fromEntries(
      (m.Attribute as { Name: string; Value: string }[]).map((a) => [a.Name, a.Value]),
    );
    expect(system).toMatchObject({ SenderId: '000000000000', ApproximateReceiveCount: '1' });

    const deleted = await query({ Action: 'DeleteMessage', QueueUrl: url, ReceiptHandle: m.ReceiptHandle });
    expect(deleted.status).toBe(200);
    // Actions without output answer with ResponseMetadata only.
    expect(Object.keys(deleted.doc.DeleteMessageResponse)).toEqual(['ResponseMetadata', '@_xmlns']);
    const empty = await query({ Action: 'ReceiveMessage', QueueUrl: url });
    expect(empty.doc.ReceiveMessageResponse.ReceiveMessageResult).toBe('');
  });

  it('sends a batch with SendMessageBatchRequestEntry.N parameters', async () => {
    const name = uniqueQueue('qbatch');
    const url = (await query({ Action: 'CreateQueue', QueueName: name })).doc.CreateQueueResponse
      .CreateQueueResult.QueueUrl as string;
    const out = await query({
      Action: 'SendMessageBatch',
      QueueUrl: url,
      'SendMessageBatchRequestEntry.1.Id': 'one',
      'SendMessageBatchRequestEntry.1.MessageBody': 'first',
      'SendMessageBatchRequestEntry.2.Id': 'two',
      'SendMessageBatchRequestEntry.2.MessageBody': '',
    });
    const r = out.doc.SendMessageBatchResponse.SendMessageBatchResult;
    expect(r.SendMessageBatchResultEntry.Id).toBe('one');
    expect(r.BatchResultErrorEntry).toMatchObject({
      Id: 'two',
      Code: 'MissingParameter',
      SenderFault: 'true',
    });
  });

  it('answers errors as XML with the legacy code: AWS.SimpleQueueService.NonExistentQueue', async () => {
    const res = await query({ Action: 'GetQueueUrl', QueueName: uniqueQueue('missing') });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('text/xml');
    expect(res.headers.get('x-amzn-query-error')).toBe('AWS.SimpleQueueService.NonExistentQueue;Sender');
    expect(res.doc.ErrorResponse['@_xmlns']).toBe(NS);
    expect(res.doc.ErrorResponse.Error).toEqual({
      Type: 'Sender',
      Code: 'AWS.SimpleQueueService.NonExistentQueue',
      Message: 'The specified queue does not exist.',
    });
    expect(res.doc.ErrorResponse.RequestId).toMatch(/^[0-9a-f-]{36}$/);

    const bad = await query({
      Action: 'SendMessage',
      QueueUrl: `${local.endpoint}/000000000000/x`,
      MessageBody: '',
    });
    expect(bad.doc.ErrorResponse.Error.Code).toBe('AWS.SimpleQueueService.NonExistentQueue');
    const name = uniqueQueue('qerr');
    const url = (await query({ Action: 'CreateQueue', QueueName: name })).doc.CreateQueueResponse
      .CreateQueueResult.QueueUrl as string;
    const empty = await query({ Action: 'SendMessage', QueueUrl: url, MessageBody: '' });
    expect(empty.doc.ErrorResponse.Error).toMatchObject({ Code: 'MissingParameter' });
    const conflict = await query({
      Action: 'CreateQueue',
      QueueName: name,
      'Attribute.1.Name': 'DelaySeconds',
      'Attribute.1.Value': '9',
    });
    expect(conflict.doc.ErrorResponse.Error.Code).toBe('QueueAlreadyExists');
    const unknown = await query({ Action: 'Frobnicate' });
    expect(unknown.doc.ErrorResponse.Error.Code).toBe('InvalidAction');
  });
});

describe('awsJson protocol errors', () => {
  it('carries the modeled __type and the legacy code in x-amzn-query-error', async () => {
    const res = await fetch(`${local.endpoint}/`, {
      method: 'POST',
      headers: {
        ...SIGNED,
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AmazonSQS.GetQueueUrl',
        'x-amzn-query-mode': 'true',
      },
      body: JSON.stringify({ QueueName: uniqueQueue('json-missing') }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-query-error')).toBe('AWS.SimpleQueueService.NonExistentQueue;Sender');
    expect(await res.json()).toEqual({
      __type: 'QueueDoesNotExist',
      message: 'The specified queue does not exist.',
    });

    const invalid = await fetch(`${local.endpoint}/`, {
      method: 'POST',
      headers: {
        ...SIGNED,
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AmazonSQS.ListQueues',
        'x-amzn-query-mode': 'true',
      },
      body: JSON.stringify({ MaxResults: 0 }),
    });
    expect(invalid.headers.get('x-amzn-query-error')).toBe('InvalidParameterValue;Sender');
    expect(((await invalid.json()) as { __type: string }).__type).toBe('InvalidParameterValueException');
  });
});
