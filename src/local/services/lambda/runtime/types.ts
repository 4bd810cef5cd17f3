// Shared shapes of the Lambda execution engine: what a function version looks like to the engine,
// what one invocation returns, and where the logs go.

/** One published function version (or $LATEST) as the engine needs it to run code. */
export interface FunctionSpec {
  functionName: string;
  /** '$LATEST' or a version number: what AWS_LAMBDA_FUNCTION_VERSION and the START line show. */
  qualifier: string;
  /** The qualified ARN (…:function:name:$LATEST or …:function:name:3). */
  functionArn: string;
  codeSha256: string;
  /** The unpacked zip (see unpackZip); becomes LAMBDA_TASK_ROOT and the child's cwd. */
  codeDir: string;
  handler: string;
  runtime: string;
  /** MB; caps the child's V8 heap like the AWS Node bootstrap does. */
  memorySize: number;
  /** Seconds. */
  timeout: number;
  environment: Record<string, string>;
  logGroupName: string;
  /** Set only when the function has reserved concurrency; then exhaustion throttles (429). */
  reservedConcurrency?: number;
}

export interface InvokeOptions {
  requestId?: string;
  /** The client context as JSON text (the control plane base64-decodes Invoke's ClientContext). */
  clientContext?: string;
  /** The ARN the caller used (an alias ARN, say); defaults to spec.functionArn. */
  invokedFunctionArn?: string;
}

export interface InvokeOutcome {
  requestId: string;
  /** What the function returned (JSON), or the AWS-shaped error document. */
  payload: Buffer;
  /** Set when the invocation failed: Invoke's X-Amz-Function-Error. */
  functionError?: 'Unhandled';
  /** The last 4 KB of the invocation's log, for LogType: Tail (not yet base64). */
  logTail: string;
  durationMs: number;
  billedDurationMs: number;
  maxMemoryUsedMb: number;
  /** Which execution environment ran it (the log stream's 32-hex suffix). */
  environmentId: string;
  logStreamName: string;
  coldStart: boolean;
}

export interface LogEvent {
  timestamp: number;
  message: string;
}

export type LogSink = (logGroupName: string, logStreamName: string, events: LogEvent[]) => void;

export interface RuntimeStats {
  environments: number;
  pools: Array<{
    functionArn: string;
    codeSha256: string;
    environments: number;
    starting: number;
    idle: number;
    busy: number;
    inFlight: number;
    queued: number;
    pids: number[];
  }>;
}
