// What the Lambda service offers other services in-process: API Gateway invokes synchronously,
// EventBridge/S3/SQS deliveries and Lambda destinations go through the durable async queue. Both
// check the function's resource policy for the calling service principal and SourceArn, as AWS does.

export interface InternalInvokeRequest {
  /** Function name or ARN, optionally qualified by version or alias (`…:function:f:live`). */
  functionArn: string;
  payload: Buffer;
  /** The calling service principal, e.g. `apigateway.amazonaws.com`; omitted = trusted internal caller. */
  principal?: string;
  /** The caller's resource ARN, matched against the permission's SourceArn condition. */
  sourceArn?: string;
  /** Async only: how many Lambda destinations led to this event (their loop guard). */
  destinationChain?: number;
}

export interface InternalInvokeResult {
  payload: Buffer;
  /** `Unhandled` when the function failed (timeout, crash, thrown error). */
  functionError?: string;
  executedVersion: string;
}

export interface LambdaInternal {
  /** Runs the function now; rejects with AwsServiceError (ResourceNotFoundException, AccessDeniedException…). */
  invoke(request: InternalInvokeRequest): Promise<InternalInvokeResult>;
  /** Accepts the event durably into the async queue (retries, max event age); resolves once on disk. */
  invokeAsync(request: InternalInvokeRequest): Promise<void>;
  /**
   * Throws what an invoke by `principal` would (ResourceNotFoundException, AccessDeniedException)
   * without invoking: S3 checks its notification destinations this way.
   */
  authorize(request: Omit<InternalInvokeRequest, 'payload'>): void;
}

declare module '../../cloud.js' {
  interface InternalApis {
    lambda: LambdaInternal;
  }
}
