// The Lambda control plane's stored shapes: plain JSON (times as epoch ms) so the journal can
// replay them. A function is its mutable $LATEST plus immutable published versions and aliases.

/** A deployment package, stored once per content hash under the service's blob directory. */
export interface CodeRef {
  /** Base64 SHA-256 of the zip, as AWS reports CodeSha256. */
  sha256: string;
  size: number;
}

export interface LoggingConfigState {
  LogFormat: string;
  LogGroup: string;
  ApplicationLogLevel?: string;
  SystemLogLevel?: string;
}

/** Everything a version carries; $LATEST and every published version use the same shape. */
export interface VersionState {
  /** '$LATEST' or the version number as text. */
  version: string;
  description: string;
  role: string;
  handler?: string;
  runtime?: string;
  memorySize: number;
  timeout: number;
  /** Undefined when the function was never given an Environment (AWS then omits it). */
  environment?: Record<string, string>;
  architectures: string[];
  ephemeralStorage: number;
  tracingMode: string;
  deadLetterTargetArn?: string;
  kmsKeyArn?: string;
  loggingConfig: LoggingConfigState;
  code: CodeRef;
  lastModified: number;
  revisionId: string;
  /**
   * Changes with every CreateFunction/UpdateFunctionCode/UpdateFunctionConfiguration of $LATEST and is
   * copied into the versions published from it: equal ids mean "nothing changed since".
   */
  updateId: string;
  state: 'Pending' | 'Active' | 'Inactive' | 'Failed';
  stateReason?: string;
  stateReasonCode?: string;
  lastUpdateStatus?: 'InProgress' | 'Successful' | 'Failed';
  lastUpdateStatusReason?: string;
  lastUpdateStatusReasonCode?: string;
}

export interface AliasState {
  name: string;
  functionVersion: string;
  description: string;
  /** AdditionalVersionWeights: version → share of traffic (0 ≤ w < 1). */
  weights?: Record<string, number>;
  revisionId: string;
}

/** One statement of a function's resource-based policy, in AWS's key order. */
export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Principal: string | { Service: string } | { AWS: string };
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
}

export interface EventInvokeConfigState {
  maximumRetryAttempts?: number;
  maximumEventAgeInSeconds?: number;
  onSuccess?: string;
  onFailure?: string;
  lastModified: number;
}

export interface FunctionState {
  name: string;
  createdAt: number;
  latest: VersionState;
  /** Published versions by number. */
  versions: Record<string, VersionState>;
  /** The highest version number ever published: numbers are never reused, even after a delete. */
  lastVersion: number;
  aliases: Record<string, AliasState>;
  /** Resource policies per qualifier: '$LATEST' (the unqualified function), a version or an alias. */
  policies: Record<string, PolicyStatement[]>;
  tags: Record<string, string>;
  reservedConcurrency?: number;
  /** Async invocation settings per qualifier ('$LATEST', a version or an alias). */
  eventInvokeConfigs: Record<string, EventInvokeConfigState>;
}

export const LATEST = '$LATEST';
