// The desired state as plain data: every resource a flow needs, keyed and ordered by its
// dependencies. Nothing here talks to AWS; src/provision compares it with what exists.

import type { Partition } from '../config/regions.js';
import type { Architecture, Runtime } from '../config/schema.js';

export type Tags = Record<string, string>;

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: '*' | Record<string, string | string[]>;
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export interface LogGroupSpec {
  name: string;
  retentionDays: number;
  tags: Tags;
}

export interface RoleSpec {
  name: string;
  description: string;
  /** Trust policy: who may assume the role. */
  assumeRolePolicy: PolicyDocument;
  /** The one inline policy; any other inline or attached policy is removed (least privilege). */
  policyName: string;
  policy: PolicyDocument;
  tags: Tags;
}

export interface BusSpec {
  name: string;
  tags: Tags;
}

export interface RuleTarget {
  id: string;
  arn: string;
}

export interface RuleSpec {
  name: string;
  busName: string;
  eventPattern: Record<string, unknown>;
  targets: RuleTarget[];
  tags: Tags;
}

/** A statement in a Lambda function's resource policy (AddPermission). */
export interface PermissionSpec {
  functionName: string;
  qualifier: string;
  statementId: string;
  principal: string;
  action: 'lambda:InvokeFunction';
  /** May hold a reference (see refs.ts) to an id only known once another resource exists. */
  sourceArn: string;
  sourceAccount: string;
}

export interface BucketSpec {
  name: string;
  tags: Tags;
  policy: PolicyDocument;
  encryption: 'AES256';
}

export interface FunctionSpec {
  name: string;
  /** The flow and short name (`ingest`, `api`): what src/release bundles for this function. */
  source: { flow: string; function: string };
  roleArn: string;
  handler: string;
  runtime: Runtime;
  architecture: Architecture;
  memory: number;
  timeout: number;
  environment: Record<string, string>;
  /** Environment keys whose values are secret: never printed, only named. */
  secretEnvironment: string[];
  /** The alias every trigger points at; moved to each newly published version. */
  alias: string;
  /** Subnets and security groups (a database inside a VPC); undefined: no VPC. */
  vpc?: { subnetIds: string[]; securityGroupIds: string[] };
  tags: Tags;
}

/** An SSM parameter holding a secret (SecureString, the account's aws/ssm key). */
export interface ParameterSpec {
  /** `/<project>/<flow>/<name>`. */
  name: string;
  /** Secret: compared, never printed (plans say only that it differs). */
  value: string;
  type: 'SecureString';
  description: string;
  tags: Tags;
}

/** A route with an AWS_PROXY integration: a Lambda (alias) ARN, or a first-class AWS service action. */
export type HttpRoute =
  | {
      routeKey: string;
      /** Lambda proxy integration with a Lambda (alias) ARN. */
      integrationUri: string;
      payloadFormatVersion: '1.0' | '2.0';
    }
  | {
      routeKey: string;
      /** A first-class integration, e.g. `SQS-SendMessage`: API Gateway calls the service itself. */
      integrationSubtype: string;
      /** The role API Gateway assumes for the call. */
      credentialsArn: string;
      /** The action's parameters, mapped from the request (`$request.body`, `$request.header.x`). */
      requestParameters: Record<string, string>;
      /** Per status code: how the service's answer is rewritten (e.g. `overwrite:statuscode`). */
      responseParameters?: Record<string, Record<string, string>>;
    };

/** An SQS queue (FIFO when the name ends in `.fifo`) and, optionally, its redrive to a dead-letter queue. */
export interface QueueSpec {
  name: string;
  fifo: boolean;
  contentBasedDeduplication: boolean;
  visibilityTimeoutSeconds: number;
  messageRetentionSeconds: number;
  /** Dead-letter queue ARN and receives before a message moves there; undefined: no redrive. */
  redrive?: { deadLetterTargetArn: string; maxReceiveCount: number };
  tags: Tags;
}

/** A Lambda event source mapping: a queue polled into a function's alias. */
export interface EventSourceMappingSpec {
  /** `<function>:<alias>`, what the mapping invokes. */
  functionName: string;
  eventSourceArn: string;
  batchSize: number;
  /** `ReportBatchItemFailures`: only the records a batch reports failed are retried. */
  functionResponseTypes: string[];
  enabled: boolean;
}

export interface HttpApiSpec {
  name: string;
  tags: Tags;
  routes: HttpRoute[];
  stage: { name: string; autoDeploy: boolean };
}

export interface SpecByKind {
  logGroup: LogGroupSpec;
  role: RoleSpec;
  bus: BusSpec;
  rule: RuleSpec;
  permission: PermissionSpec;
  bucket: BucketSpec;
  function: FunctionSpec;
  httpApi: HttpApiSpec;
  parameter: ParameterSpec;
  queue: QueueSpec;
  eventSourceMapping: EventSourceMappingSpec;
}

export type ResourceKind = keyof SpecByKind;

export type DesiredResource = {
  [K in ResourceKind]: {
    kind: K;
    /** Unique within the desired state: `<kind>:<name>`. */
    key: string;
    /** What people see: the resource's AWS name (or `function:statement` for a permission). */
    name: string;
    flow: string;
    /** Keys of resources that must exist first (and be deleted after this one). */
    dependsOn: string[];
    spec: SpecByKind[K];
  };
}[ResourceKind];

export type DesiredOf<K extends ResourceKind> = Extract<DesiredResource, { kind: K }>;

export interface AccountContext {
  accountId: string;
  region: string;
  partition: Partition;
}

export interface DesiredState extends AccountContext {
  project: string;
  resources: DesiredResource[];
}
