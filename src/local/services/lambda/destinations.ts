// Async invocation records for OnSuccess/OnFailure destinations, in AWS's shape, and their delivery
// in-process by destination ARN: SQS, EventBridge, Lambda and S3 deliver; SNS is logged and dropped.

import { randomUUID } from 'node:crypto';
import type { Cloud } from '../../cloud.js';
import { AwsServiceError } from '../../errors.js';

export type Condition = 'Success' | 'RetriesExhausted' | 'EventAgeExceeded' | 'ZeroReservedConcurrency';

export interface InvocationRecord {
  version: '1.0';
  timestamp: string;
  requestContext: {
    requestId: string;
    functionArn: string;
    condition: Condition;
    approximateInvokeCount: number;
  };
  requestPayload: unknown;
  responseContext: {
    statusCode: number;
    executedVersion: string;
    functionError?: string;
  };
  responsePayload?: unknown;
}

/**
 * Lambda stops a loop of functions invoking one another after about 16 rounds (recursive loop
 * detection); a chain of Lambda destinations longer than that is cut here the same way.
 */
export const MAX_DESTINATION_CHAIN = 16;

const json = (bytes: Buffer | undefined): unknown => {
  if (!bytes || bytes.length === 0) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return bytes.toString('utf8');
  }
};

export function invocationRecord(args: {
  requestId: string;
  functionArn: string;
  condition: Condition;
  invokeCount: number;
  request: Buffer;
  executedVersion: string;
  response?: Buffer;
  functionError?: string;
  now: number;
}): InvocationRecord {
  return {
    version: '1.0',
    timestamp: new Date(args.now).toISOString(),
    requestContext: {
      requestId: args.requestId,
      functionArn: args.functionArn,
      condition: args.condition,
      approximateInvokeCount: args.invokeCount,
    },
    requestPayload: json(args.request),
    responseContext: {
      statusCode: 200,
      executedVersion: args.executedVersion,
      ...(args.functionError ? { functionError: args.functionError } : {}),
    },
    responsePayload: json(args.response),
  };
}

/** `arn:partition:service:region:account:resource` → its parts (resource may hold more colons). */
function arnParts(arn: string): { service: string; region: string; resource: string } {
  const [, , service = '', region = '', , ...rest] = arn.split(':');
  return { service, region, resource: rest.join(':') };
}

/**
 * The key Lambda gives a failure record in an S3 destination:
 * `aws/lambda/async/<function-name>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<uuid>`.
 */
export function s3RecordKey(record: InvocationRecord, uuid: string): string {
  const name = arnParts(record.requestContext.functionArn).resource.split(':')[1] ?? '';
  const iso = record.timestamp; // 2024-11-14T18:16:05.568Z
  const [date = '', time = ''] = iso.split('T');
  const [y, m, d] = date.split('-');
  return `aws/lambda/async/${name}/${y}/${m}/${d}/${date}T${time.slice(0, 8).replaceAll(':', '.')}-${uuid}`;
}

export interface DeliveryResult {
  /** False when the destination type has no local counterpart and the record was dropped on purpose. */
  delivered: boolean;
  /** What happened, for the log. */
  note: string;
}

/**
 * Sends an invocation record to an OnSuccess/OnFailure destination and resolves once the receiving
 * service holds it durably (SQS message on disk, EventBridge event accepted, Lambda event queued),
 * so the async queue may then close the event. Rejects with the destination's error (a deleted
 * queue, an oversized record…): AWS then counts a DestinationDeliveryFailures and drops the record.
 * `chain` counts the Lambda destinations that led to this record's function (loop guard).
 */
export async function deliverToDestination(
  cloud: Cloud,
  destinationArn: string,
  record: InvocationRecord,
  chain = 0,
): Promise<DeliveryResult> {
  const { service, region } = arnParts(destinationArn);
  const body = JSON.stringify(record);
  switch (service) {
    case 'sqs': {
      // The record is the message body, as is; a FIFO queue fails for want of a MessageGroupId,
      // which is AWS's answer too (FIFO queues are not supported destinations).
      const sent = await cloud.api('sqs').send(destinationArn, body);
      return { delivered: true, note: `message ${sent.messageId}` };
    }
    case 'lambda': {
      if (chain + 1 > MAX_DESTINATION_CHAIN) {
        return {
          delivered: false,
          note: `recursive loop detected after ${chain} chained Lambda destinations; not invoked`,
        };
      }
      // The execution role's lambda:InvokeFunction is what counts (checked at configuration), not
      // the destination's resource policy: a trusted internal call.
      await cloud.api('lambda').invokeAsync({
        functionArn: destinationArn,
        payload: Buffer.from(body),
        destinationChain: chain + 1,
      });
      return { delivered: true, note: 'queued as an asynchronous event' };
    }
    case 'events': {
      // Source `lambda` (not `aws.lambda`), the bus first in Resources, then the qualified function
      // ARN: what events captured from AWS show.
      const [result] = await cloud.api('events').putEvents(
        [
          {
            Source: 'lambda',
            DetailType: `Lambda Function Invocation Result - ${record.requestContext.condition === 'Success' ? 'Success' : 'Failure'}`,
            Resources: [destinationArn, record.requestContext.functionArn],
            Detail: body,
            EventBusName: destinationArn,
          },
        ],
        region || undefined,
      );
      if (result?.ErrorCode) {
        throw new AwsServiceError(result.ErrorCode, result.ErrorMessage ?? result.ErrorCode, 400);
      }
      return { delivered: true, note: `event ${result?.EventId}` };
    }
    case 'sns':
      return { delivered: false, note: 'SNS is not supported by the local cloud; AWS would publish it' };
    case 's3': {
      // Failure records only (PutFunctionEventInvokeConfig refuses S3 for OnSuccess).
      const bucket = arnParts(destinationArn).resource;
      const key = s3RecordKey(record, randomUUID());
      await cloud.api('s3').writeObject(bucket, key, Buffer.from(body), 'application/json');
      return { delivered: true, note: `s3://${bucket}/${key}` };
    }
    default:
      return { delivered: false, note: `unsupported destination service '${service}'` };
  }
}
