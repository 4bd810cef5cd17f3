// Async invocation records for OnSuccess/OnFailure destinations, in AWS's shape. Delivery is a seam:
// today the record is only logged; a later change routes it to EventBridge/SQS/SNS/Lambda in-process.

import type { Cloud } from '../../cloud.js';

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

/**
 * Sends an invocation record to an OnSuccess/OnFailure destination. The seam for destination
 * delivery: EventBridge buses get `Lambda Function Invocation Result - Success|Failure` events.
 */
export async function deliverToDestination(
  cloud: Cloud,
  destinationArn: string,
  record: InvocationRecord,
): Promise<void> {
  cloud.log(
    `lambda: ${record.requestContext.condition} record for ${record.requestContext.requestId} → ${destinationArn} (destination delivery not implemented yet)`,
  );
}
