// The local cloud's runtime: its options, clock, persistence and the registry through which
// services reach each other in-process (EventBridge → Lambda, S3 → SQS) instead of over HTTP.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from './clock.js';
import { AwsServiceError } from './errors.js';
import type { Persistence } from './persistence/journal.js';

export interface CloudOptions {
  region: string;
  accountId: string;
  /** Multiplies internal delays (retry backoff, keep-alives); 1 is real time. */
  timeFactor: number;
  /** Logs one line per request, and service events (dropped deliveries, retries). */
  log: (line: string) => void;
}

/**
 * What services expose to each other in-process. Each service adds its own entry by declaration
 * merging (`declare module '../../cloud.js' { interface InternalApis { lambda: LambdaInternal } }`).
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging
export interface InternalApis {}

export class Cloud {
  /** Set once the server listens: the URL functions and clients use to reach this cloud. */
  endpoint = '';
  private readonly apis: Partial<InternalApis> = {};
  private readonly stopHooks: (() => Promise<void> | void)[] = [];
  readonly tempDir: string;

  constructor(
    readonly options: CloudOptions,
    readonly clock: Clock,
    readonly persistence: Persistence,
  ) {
    this.tempDir = mkdtempSync(join(tmpdir(), 'faas-local-'));
  }

  get region(): string {
    return this.options.region;
  }

  get accountId(): string {
    return this.options.accountId;
  }

  provide<K extends keyof InternalApis>(name: K, api: InternalApis[K]): void {
    this.apis[name] = api;
  }

  api<K extends keyof InternalApis>(name: K): InternalApis[K] {
    const api = this.apis[name];
    if (!api)
      throw new AwsServiceError(
        'ServiceUnavailable',
        `The local ${String(name)} service is not running`,
        503,
      );
    return api;
  }

  onStop(hook: () => Promise<void> | void): void {
    this.stopHooks.push(hook);
  }

  async stop(): Promise<void> {
    for (const hook of this.stopHooks.reverse()) await hook();
    rmSync(this.tempDir, { recursive: true, force: true });
  }

  log(line: string): void {
    this.options.log(line);
  }
}
