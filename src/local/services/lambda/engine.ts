// The control plane's handle on the execution engine (runtime/): created on first use, once the
// cloud's endpoint is known, with function output forwarded to CloudWatch Logs when it runs.

import type { Cloud } from '../../cloud.js';
import type { LogsInternal } from '../logs/internal.js';
import {
  type FunctionSpec,
  type InvokeOptions,
  type InvokeOutcome,
  LambdaRuntime,
  type LogEvent,
} from './runtime/index.js';

export class Engine {
  private runtime?: LambdaRuntime;
  private stopped = false;

  constructor(private readonly cloud: Cloud) {}

  invoke(spec: FunctionSpec, payload: Buffer, opts: InvokeOptions): Promise<InvokeOutcome> {
    this.runtime ??= new LambdaRuntime({
      endpoint: this.cloud.endpoint,
      region: this.cloud.region,
      accountId: this.cloud.accountId,
      clock: this.cloud.clock,
      onLog: (group, stream, events) => this.forwardLogs(group, stream, events),
    });
    return this.runtime.invoke(spec, payload, opts);
  }

  /** Stops the environments of a deleted function (unqualified ARN) or version (qualified ARN). */
  retire(arnPrefix: string): void {
    void this.runtime?.retire(arnPrefix).catch((e) => this.cloud.log(`lambda: retiring ${arnPrefix}: ${e}`));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.runtime?.stop();
  }

  private forwardLogs(group: string, stream: string, events: LogEvent[]): void {
    if (this.stopped) return;
    let logs: LogsInternal;
    try {
      logs = this.cloud.api('logs');
    } catch {
      // No CloudWatch Logs in this cloud: function output is simply not kept (Tail still works).
      return;
    }
    void logs
      .append(group, stream, events)
      .catch((e: unknown) => this.cloud.log(`lambda: could not write logs to ${group}: ${e}`));
  }
}
