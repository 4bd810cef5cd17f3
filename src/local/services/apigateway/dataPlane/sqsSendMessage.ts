// The SQS-SendMessage integration (no Lambda in the request path): sends as its CredentialsArn role
// and answers with SQS's own response, the SendMessageResponse as JSON or SQS's client error.

import { randomUUID } from 'node:crypto';
import type { MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../../cloud.js';
import { AwsServiceError } from '../../../errors.js';
import { md5OfAttributes } from '../../sqs/md5.js';
import type { StoredAttribute } from '../../sqs/model.js';
import type { IntegrationHandler } from './index.js';
import { type HttpAnswer, INTERNAL_ERROR } from './responses.js';
import { resolveMappingValue } from './selection.js';

const PRINCIPAL = 'apigateway.amazonaws.com';

const json = (status: number, body: unknown): HttpAnswer => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify(body)),
});

/** The queue a QueueUrl names, as the ARN the role's policy is checked against. */
function queueArnOf(cloud: Cloud, url: string): string | undefined {
  const known = cloud.api('sqs').describe(url)?.arn;
  if (known) return known;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const m = /^\/(\d{12})\/([^/]+)\/?$/.exec(path);
  return m ? `arn:aws:sqs:${cloud.region}:${m[1]}:${decodeURIComponent(m[2])}` : undefined;
}

/** MessageAttributes selects a JSON object in SQS's shape: `{"name": {"DataType": "String", "StringValue": "v"}}`. */
function parseAttributes(
  text: string,
): { sdk: Record<string, MessageAttributeValue>; stored: Record<string, StoredAttribute> } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const sdk: Record<string, MessageAttributeValue> = {};
  const stored: Record<string, StoredAttribute> = {};
  for (const [name, raw] of Object.entries(value as Record<string, unknown>)) {
    if (typeof raw !== 'object' || raw === null) return undefined;
    const a = raw as { DataType?: unknown; StringValue?: unknown; BinaryValue?: unknown };
    const dataType = typeof a.DataType === 'string' ? a.DataType : '';
    if (typeof a.BinaryValue === 'string') {
      sdk[name] = { DataType: dataType, BinaryValue: new Uint8Array(Buffer.from(a.BinaryValue, 'base64')) };
      stored[name] = { DataType: dataType, BinaryValue: a.BinaryValue };
    } else {
      const s = typeof a.StringValue === 'string' ? a.StringValue : undefined;
      sdk[name] = { DataType: dataType, StringValue: s };
      stored[name] = { DataType: dataType, StringValue: s };
    }
  }
  return { sdk, stored };
}

export const sqsSendMessage: IntegrationHandler = async (cloud, integration, call) => {
  const log = (why: string) =>
    cloud.log(`apigateway ${call.apiId} ${call.routeKey}: SQS-SendMessage: ${why}`);
  const mapped = integration.RequestParameters ?? {};
  // A source that resolves to nothing (a missing header) leaves its parameter out: SQS then names
  // what is missing, as it does for any SendMessage.
  const p: Record<string, string> = {};
  for (const [key, value] of Object.entries(mapped)) {
    const resolved = resolveMappingValue(value, call);
    if (resolved !== undefined) p[key] = resolved;
  }
  const queueUrl = p.QueueUrl ?? '';
  // Acting as the role: it must trust apigateway.amazonaws.com and allow sqs:SendMessage on the
  // queue, or AWS answers 500 and only the integration log says why.
  const role = integration.CredentialsArn ?? '';
  const iam = cloud.api('iam');
  if (!iam.roleTrusts(role, PRINCIPAL)) {
    log(`${PRINCIPAL} cannot assume ${role} (no such role, or its trust policy does not allow it)`);
    return INTERNAL_ERROR();
  }
  const queueArn = queueArnOf(cloud, queueUrl);
  if (queueArn && !iam.roleAllows(role, 'sqs:SendMessage', queueArn)) {
    const roleName = role.slice(role.lastIndexOf('/') + 1);
    log(
      `User: arn:aws:sts::${cloud.accountId}:assumed-role/${roleName}/${call.requestId} is not authorized to perform: sqs:SendMessage on resource: ${queueArn} because no identity-based policy allows the sqs:SendMessage action`,
    );
    return INTERNAL_ERROR();
  }
  const attributes = p.MessageAttributes === undefined ? undefined : parseAttributes(p.MessageAttributes);
  if (p.MessageAttributes !== undefined && !attributes) {
    log(`Unable to resolve property MessageAttributes from source ${mapped.MessageAttributes}`);
    return INTERNAL_ERROR();
  }
  try {
    const sent = await cloud.api('sqs').send(queueUrl, p.MessageBody ?? '', attributes?.sdk, {
      messageGroupId: p.MessageGroupId,
      messageDeduplicationId: p.MessageDeduplicationId,
      delaySeconds: p.DelaySeconds === undefined ? undefined : Number(p.DelaySeconds),
    });
    // SQS's JSON answer as API Gateway relays it: every member present, null when not applicable.
    return json(200, {
      SendMessageResponse: {
        ResponseMetadata: { RequestId: randomUUID() },
        SendMessageResult: {
          MD5OfMessageAttributes: md5OfAttributes(attributes?.stored) ?? null,
          MD5OfMessageBody: sent.md5OfMessageBody,
          MD5OfMessageSystemAttributes: null,
          MessageId: sent.messageId,
          SequenceNumber: sent.sequenceNumber ?? null,
        },
      },
    });
  } catch (e) {
    if (e instanceof AwsServiceError && e.status < 500) {
      // SQS's legacy (query) error code, as API Gateway relays it; loaded only when needed, since
      // it pulls in the SQS SDK's schemas.
      const { clientCode } = await import('../../sqs/errors.js');
      return json(e.status, {
        Error: { Code: clientCode(e), Message: e.message, Type: 'Sender' },
        RequestId: randomUUID(),
      });
    }
    log(e instanceof Error ? e.message : String(e));
    return INTERNAL_ERROR();
  }
};
