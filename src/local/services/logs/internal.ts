// What CloudWatch Logs offers other services in-process: Lambda writes function output here,
// EventBridge log-group targets deliver events here. Missing groups/streams are created.

export interface LogsInternal {
  append(
    logGroupName: string,
    logStreamName: string,
    events: { timestamp: number; message: string }[],
  ): Promise<void>;
}

declare module '../../cloud.js' {
  interface InternalApis {
    logs: LogsInternal;
  }
}
