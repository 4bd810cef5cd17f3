// The log side of an execution environment: AWS-named log streams, the platform lines (START, END,
// REPORT, INIT_*), splitting the child's output into events, and the 4 KB tail Invoke returns.

import { randomBytes } from 'node:crypto';
import type { LogEvent } from './types.js';

/** CloudWatch's ceiling for one event; longer output lines are split. */
const MAX_EVENT_CHARS = 256 * 1024;
export const TAIL_BYTES = 4096;

export const newEnvironmentId = (): string => randomBytes(16).toString('hex');

/** `2024/05/01/[$LATEST]0123…` — one stream per execution environment, dated by its start (UTC). */
export function logStreamName(startedAt: number, qualifier: string, environmentId: string): string {
  const d = new Date(startedAt);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/[${qualifier}]${environmentId}`;
}

// Platform lines end with a newline, as the messages Lambda writes to CloudWatch do.
export const initStartLine = (region: string): string =>
  `INIT_START Runtime Version: nodejs:22.v1\tRuntime Version ARN: arn:aws:lambda:${region}::runtime:faas-local\n`;

export const startLine = (requestId: string, version: string): string =>
  `START RequestId: ${requestId} Version: ${version}\n`;

export const endLine = (requestId: string): string => `END RequestId: ${requestId}\n`;

export interface ReportFields {
  requestId: string;
  durationMs: number;
  billedDurationMs: number;
  memorySize: number;
  maxMemoryUsedMb: number;
  initDurationMs?: number;
  status?: 'timeout' | 'error';
  errorType?: string;
}

export function reportLine(r: ReportFields): string {
  let line =
    `REPORT RequestId: ${r.requestId}\tDuration: ${r.durationMs.toFixed(2)} ms\t` +
    `Billed Duration: ${r.billedDurationMs} ms\tMemory Size: ${r.memorySize} MB\t` +
    `Max Memory Used: ${r.maxMemoryUsedMb} MB\t`;
  if (r.initDurationMs !== undefined) line += `Init Duration: ${r.initDurationMs.toFixed(2)} ms\t`;
  if (r.status) line += `Status: ${r.status}\t`;
  if (r.errorType) line += `Error Type: ${r.errorType}\t`;
  return `${line}\n`;
}

export const initReportLine = (
  initDurationMs: number,
  status: 'error' | 'timeout',
  errorType?: string,
): string =>
  `INIT_REPORT Init Duration: ${initDurationMs.toFixed(2)} ms\tPhase: init\tStatus: ${status}\t` +
  (errorType ? `Error Type: ${errorType}\t` : '') +
  '\n';

export const timeoutLine = (at: number, requestId: string, timeoutSeconds: number): string =>
  `${new Date(at).toISOString()} ${requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds\n`;

/** Go's wording, which is what AWS's runtime supervisor prints for an exited runtime. */
const SIGNAL_WORDS: Record<string, string> = {
  SIGKILL: 'killed',
  SIGTERM: 'terminated',
  SIGABRT: 'aborted',
  SIGSEGV: 'segmentation fault',
  SIGBUS: 'bus error',
  SIGINT: 'interrupt',
};

export function exitReason(code: number | null, signal: string | null): string {
  if (signal) return `Runtime exited with error: signal: ${SIGNAL_WORDS[signal] ?? signal}`;
  if (code === 0 || code === null) return 'Runtime exited without providing a reason';
  return `Runtime exited with error: exit status ${code}`;
}

/** The last 4 KB (UTF-8) of an invocation's log, what Invoke returns for LogType: Tail. */
export function logTail(events: readonly LogEvent[]): string {
  let text = '';
  for (const e of events) text += e.message;
  if (text.length <= TAIL_BYTES / 4) return text;
  const bytes = Buffer.from(text, 'utf8');
  return bytes.length <= TAIL_BYTES ? text : bytes.subarray(bytes.length - TAIL_BYTES).toString('utf8');
}

/**
 * Turns a stream of text chunks into lines. A line the bootstrap wrote through the patched console
 * carries its inner newlines as \r; they become real newlines again so one console call stays one event.
 */
export class LineSplitter {
  private partial = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    const text = this.partial + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      this.onLine(text.slice(start, nl));
      start = nl + 1;
    }
    let rest = text.slice(start);
    while (rest.length > MAX_EVENT_CHARS) {
      this.onLine(rest.slice(0, MAX_EVENT_CHARS));
      rest = rest.slice(MAX_EVENT_CHARS);
    }
    this.partial = rest;
  }

  /** Emits whatever is left without a trailing newline (the stream ended). */
  flush(): void {
    if (this.partial !== '') this.onLine(this.partial);
    this.partial = '';
  }
}

/** A child's output line as a CloudWatch message: \r\n and lone \r back to \n, newline-terminated. */
export const lineToMessage = (line: string): string =>
  `${(line.endsWith('\r') ? line.slice(0, -1) : line).replace(/\r/g, '\n')}\n`;
