// Shared by the EventBridge integration tests: a client on the local endpoint, the file's own local
// cloud (`useEventsCloud`), unique names, and for delivery a recording Lambda fake and rule set-up.

import {
  EventBridgeClient,
  type EventBridgeClientConfig,
  type PutEventsRequestEntry,
  PutRuleCommand,
  PutTargetsCommand,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { AwsServiceError } from '../../src/local/errors.js';
import type { InternalInvokeRequest, LambdaInternal } from '../../src/local/services/lambda/internal.js';
import { useLocalCloud } from '../helpers/localCloud.js';

export const ACCOUNT = '000000000000';
export const ARN = `arn:aws:events:us-east-1:${ACCOUNT}`;
export const FN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f`;
export const pattern = JSON.stringify({ source: ['app.orders'] });
export const fnArn = (name: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;
export const logArn = (group: string) => `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${group}:*`;

let counter = 0;
export const unique = (base: string): string => `${base}-${process.pid}-${++counter}`;

export const eventsClient = (endpoint: string, config: Partial<EventBridgeClientConfig> = {}) =>
  new EventBridgeClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    ...config,
  });

/** A client on the calling file's local cloud: set once `useEventsCloud()` has started it. */
export let eb: EventBridgeClient;

/** Starts one local cloud for the calling test file and binds `eb` to it. */
export function useEventsCloud(): void {
  useLocalCloud((l) => {
    // The SDK retries LimitExceededException as throttling; one attempt keeps the limit tests quick.
    eb = eventsClient(l.endpoint, { maxAttempts: 1 });
  });
}

/** A stand-in for the Lambda service's in-process API that records (or refuses) async invokes. */
export function fakeLambda(behaviour: (req: InternalInvokeRequest) => Promise<void> = async () => {}) {
  const calls: InternalInvokeRequest[] = [];
  const api: LambdaInternal = {
    invoke: () => Promise.reject(new AwsServiceError('NotImplemented', 'not in this fake', 501)),
    invokeAsync: (req) => {
      calls.push(req);
      return behaviour(req);
    },
    authorize: () => {},
  };
  return { api, calls };
}

export const entry = (over: Partial<PutEventsRequestEntry> = {}): PutEventsRequestEntry => ({
  Source: 'app.orders',
  DetailType: 'OrderPlaced',
  Detail: JSON.stringify({ id: 'o-1', location: 'eu-west-1', amount: 42 }),
  ...over,
});

export async function ruleWithTargets(
  eb: EventBridgeClient,
  targets: Target[],
  bus?: string,
  eventPattern?: object,
) {
  const name = unique('rule');
  const { RuleArn } = await eb.send(
    new PutRuleCommand({
      Name: name,
      EventBusName: bus,
      EventPattern: JSON.stringify(eventPattern ?? { source: ['app.orders'] }),
    }),
  );
  await eb.send(new PutTargetsCommand({ Rule: name, EventBusName: bus, Targets: targets }));
  return { name, arn: RuleArn! };
}
