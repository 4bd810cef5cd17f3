// The SDK client factory: one client per service with the region, profile, endpoint and retry
// policy from the config, each instrumented with the call counter. Commands receive the factory
// through their deps so tests substitute fakes.
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import type { Target } from '../config/schema.js';
import { attachCallCounter, type CallCounter, type Instrumentable } from './counter.js';

export interface AwsClients {
  sts: STSClient;
  iam: IAMClient;
  s3: S3Client;
  events: EventBridgeClient;
  lambda: LambdaClient;
  logs: CloudWatchLogsClient;
  apigw: ApiGatewayV2Client;
  ssm: SSMClient;
  sqs: SQSClient;
}

export interface ClientSettings {
  target: Target;
  /** Undefined lets the SDK resolve it (AWS_REGION, then the profile in ~/.aws/config). */
  region: string | undefined;
  profile: string | undefined;
  endpoint: string | undefined;
  /** Total attempts per call including the first; the SDK's standard mode backs off between. */
  maxAttempts?: number;
}

export type ClientFactory = (settings: ClientSettings, counter: CallCounter) => AwsClients;

// The local cloud does not check signatures but routes on the SigV4 credential scope, so the
// requests must be signed; fixed credentials avoid needing (or leaking) real ones locally.
const LOCAL_CREDENTIALS = { accessKeyId: 'faas-local', secretAccessKey: 'faas-local' };

export const createAwsClients: ClientFactory = (settings, counter) => {
  const common = {
    region: settings.region,
    endpoint: settings.endpoint,
    maxAttempts: settings.maxAttempts ?? 5,
    retryMode: 'standard',
    // Without a profile the SDK's default chain applies, which honours AWS_PROFILE itself.
    ...(settings.profile !== undefined && settings.target === 'aws' ? { profile: settings.profile } : {}),
    ...(settings.target === 'local' ? { credentials: LOCAL_CREDENTIALS } : {}),
    // Fail fast when nothing listens rather than hang on a dead address.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
  } as const;
  const clients: AwsClients = {
    // STS only serves the connectivity probe: when nothing answers, say so quickly.
    sts: new STSClient({ ...common, maxAttempts: Math.min(common.maxAttempts, 2) }),
    iam: new IAMClient(common),
    // Emulators serve buckets on the path, not as <bucket>.<host> virtual hosts.
    s3: new S3Client({ ...common, forcePathStyle: settings.endpoint !== undefined }),
    events: new EventBridgeClient(common),
    lambda: new LambdaClient(common),
    logs: new CloudWatchLogsClient(common),
    apigw: new ApiGatewayV2Client(common),
    ssm: new SSMClient(common),
    sqs: new SQSClient(common),
  };
  instrumentClients(clients, counter);
  return clients;
};

/** Attaches the call counter to every client (also used on the test fakes). */
export function instrumentClients(clients: AwsClients, counter: CallCounter): void {
  for (const [service, client] of Object.entries(clients)) {
    attachCallCounter(client as unknown as Instrumentable, service, counter);
  }
}
