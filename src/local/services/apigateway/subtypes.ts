// HTTP API first-class AWS integrations (AWS_PROXY + IntegrationSubtype): the request parameters
// each subtype takes and the checks Create/UpdateIntegration apply (only SQS-SendMessage runs).

import { AwsServiceError } from '../../errors.js';
import { isSelection, parseMappingValue } from './dataPlane/selection.js';
import type { ChildKinds } from './state.js';

const badRequest = (message: string) => new AwsServiceError('BadRequestException', message, 400);

interface SubtypeSpec {
  required: string[];
  optional: string[];
  /** Parameters that must select from the request (a JSON value), never a static string. */
  selectionOnly?: string[];
}

/** AWS's integration subtype reference for HTTP APIs. */
const SUBTYPES: Record<string, SubtypeSpec> = {
  'EventBridge-PutEvents': {
    required: ['Detail', 'DetailType', 'Source'],
    optional: ['Time', 'EventBusName', 'Resources', 'Region', 'TraceHeader'],
  },
  'SQS-SendMessage': {
    required: ['QueueUrl', 'MessageBody'],
    optional: [
      'DelaySeconds',
      'MessageAttributes',
      'MessageDeduplicationId',
      'MessageGroupId',
      'MessageSystemAttributes',
      'Region',
    ],
    selectionOnly: ['MessageAttributes', 'MessageSystemAttributes'],
  },
  'SQS-ReceiveMessage': {
    required: ['QueueUrl'],
    optional: [
      'AttributeNames',
      'MaxNumberOfMessages',
      'MessageAttributeNames',
      'ReceiveRequestAttemptId',
      'VisibilityTimeout',
      'WaitTimeSeconds',
      'Region',
    ],
  },
  'SQS-DeleteMessage': { required: ['QueueUrl', 'ReceiptHandle'], optional: ['Region'] },
  'SQS-PurgeQueue': { required: ['QueueUrl'], optional: ['Region'] },
  'AppConfig-GetConfiguration': {
    required: ['Application', 'Environment', 'Configuration', 'ClientId'],
    optional: ['ClientConfigurationVersion', 'Region'],
  },
  'Kinesis-PutRecord': {
    required: ['StreamName', 'Data', 'PartitionKey'],
    optional: ['SequenceNumberForOrdering', 'ExplicitHashKey', 'Region'],
  },
  'StepFunctions-StartExecution': { required: ['StateMachineArn'], optional: ['Name', 'Input', 'Region'] },
  'StepFunctions-StartSyncExecution': {
    required: ['StateMachineArn'],
    optional: ['Name', 'Input', 'Region', 'TraceHeader'],
  },
  'StepFunctions-StopExecution': { required: ['ExecutionArn'], optional: ['Cause', 'Error', 'Region'] },
};

const ROLE_ARN = /^arn:aws[a-zA-Z-]*:iam::\d{12}:role\/.+$/;

const invalidSource = (value: string, destination: string) =>
  badRequest(
    `Invalid selection expression specified: Validation Result: warnings : [], errors : [Invalid source: ${value} specified for destination: ${destination}]`,
  );

/** An AWS service integration acts with a role and must map every parameter its action requires. */
export function validateSubtype(item: ChildKinds['integrations']): void {
  const subtype = item.IntegrationSubtype;
  if (subtype === undefined) return;
  const spec = SUBTYPES[subtype];
  if (item.IntegrationType !== 'AWS_PROXY' || !spec) {
    throw badRequest(
      `Invalid integration subtype specified: ${subtype}. Supported subtypes for AWS_PROXY integrations: ${Object.keys(SUBTYPES).join(', ')}`,
    );
  }
  if (!item.CredentialsArn) throw badRequest(`CredentialsArn is required for integration subtype ${subtype}`);
  if (!ROLE_ARN.test(item.CredentialsArn))
    throw badRequest(`Invalid credentials ARN specified: ${item.CredentialsArn}. It must be an IAM role ARN`);
  const params = item.RequestParameters ?? {};
  const missing = spec.required.filter((p) => params[p] === undefined);
  if (missing.length > 0) {
    throw badRequest(
      `RequestParameters must include ${missing.join(', ')} for integration subtype ${subtype}`,
    );
  }
  for (const [key, value] of Object.entries(params)) {
    if (!spec.required.includes(key) && !spec.optional.includes(key))
      throw badRequest(`Invalid request parameter ${key} for integration subtype ${subtype}`);
    const parts = parseMappingValue(value);
    if (!parts || (spec.selectionOnly?.includes(key) && !isSelection(parts))) throw invalidSource(value, key);
  }
}
