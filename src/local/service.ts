// How a service plugs into the server: its SigV4 signing name, its wire protocol, the SDK's
// operation table, and its action table. A new action is one file plus one line in `actions`.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Cloud } from './cloud.js';
import { loadOperations, type OperationDef } from './protocol/schema.js';
import type { ProtocolCodec } from './protocol/types.js';

export interface ActionContext<S = unknown> {
  cloud: Cloud;
  /** The service's own state (its store). */
  state: S;
  requestId: string;
  region: string;
  accountId: string;
  /** The raw request headers, for the rare action that needs one not bound by the model. */
  headers: IncomingMessage['headers'];
}

// biome-ignore lint/suspicious/noExplicitAny: the action table is heterogenous; each action file types itself
export type Action<S = any> = (input: any, ctx: ActionContext<S>) => unknown;

export interface ServiceDefinition<S = unknown> {
  /** SigV4 credential-scope service name (`s3`, `lambda`, `events`, `apigateway`…). */
  signingName: string;
  /** X-Amz-Target prefixes that select this service when there is no credential scope. */
  targetPrefixes?: string[];
  /** Path prefixes that select this service for unsigned requests. */
  pathPrefixes?: string[];
  codec: ProtocolCodec;
  /**
   * The SDK's operation table, read from its schemas on first use: loading the nine SDK packages
   * up front would cost several hundred milliseconds of start-up for services never called.
   */
  operations(): Promise<Map<string, OperationDef>>;
  actions: Record<string, Action<S>>;
  state: S;
  /**
   * Plain HTTP handled outside the AWS API (API Gateway's execute endpoint): return true when the
   * request was answered.
   */
  dataPlane?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
  /**
   * Background work (delivery loops, replay of work a crash left pending), started once the
   * journal is replayed, every service has provided its in-process API and the endpoint is known.
   */
  start?: () => void | Promise<void>;
}

export type SdkModule = Record<string, unknown>;

export function defineService<S>(
  def: Omit<ServiceDefinition<S>, 'operations'> & {
    /** The SDK module, or (better) a loader for it: `() => import('@aws-sdk/client-s3')`. */
    sdk: SdkModule | (() => Promise<SdkModule>);
  },
): ServiceDefinition<S> {
  const { sdk, ...rest } = def;
  let operations: Promise<Map<string, OperationDef>> | undefined;
  return {
    ...rest,
    operations: () => {
      operations ??= (
        typeof sdk === 'function' ? (sdk as () => Promise<SdkModule>)() : Promise.resolve(sdk)
      ).then(loadOperations);
      return operations;
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: services differ in state type; each action file types its own
export type AnyService = ServiceDefinition<any>;

export type ServiceFactory = (cloud: Cloud) => AnyService | Promise<AnyService>;
