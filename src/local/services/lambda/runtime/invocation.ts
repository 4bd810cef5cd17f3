// One invocation inside an environment: what it carries while it runs (log lines, timers, the
// answer) and how it closes — END and REPORT lines, the 4 KB tail, the InvokeOutcome.

import { exited } from './failures.js';
import { endLine, logTail, reportLine, startLine } from './logs.js';
import type { FunctionSpec, InvokeOutcome, LogEvent } from './types.js';

export interface InvocationRequest {
  requestId: string;
  payload: Buffer;
  invokedFunctionArn: string;
  clientContext?: string;
}

export type Timer = { cancel(): void };
export type Resolve = (outcome: InvokeOutcome) => void;

/**
 * Function and Init timeouts are limits on a real process, not internal delays: they run on real,
 * unscaled timers whatever the clock's time factor.
 */
export function limitTimer(ms: number, fn: () => void): Timer {
  const handle = setTimeout(fn, ms);
  handle.unref();
  return { cancel: () => clearTimeout(handle) };
}

export interface Invocation {
  req: InvocationRequest;
  resolve: Resolve;
  events: LogEvent[];
  /** Init-phase lines, shown in the tail of an environment's first invocation. */
  tailPrefix: LogEvent[];
  startedAt: number;
  coldInitMs?: number;
  result?: { payload: Buffer; functionError?: 'Unhandled'; at: number };
  /** END_MARKERs seen: the output barrier is complete at 2 (stdout and stderr). */
  markers: number;
  timedOutAt?: number;
  timer?: Timer;
  barrierTimer?: Timer;
}

export interface Completion {
  payload: Buffer;
  functionError?: 'Unhandled';
  durationMs: number;
  status?: 'timeout' | 'error';
  errorType?: string;
  /** Platform lines logged before END (timeout notice, exit error). */
  lines?: string[];
}

/** What completing needs to know about the environment the invocation ran in. */
export interface EnvironmentFacts {
  spec: FunctionSpec;
  environmentId: string;
  logStreamName: string;
  maxRssKb: number;
  now: number;
  emit(events: LogEvent[]): void;
}

export function startInvocation(
  req: InvocationRequest,
  resolve: Resolve,
  at: { now: number; qualifier: string; initEvents?: LogEvent[]; coldInitMs?: number },
): Invocation {
  return {
    req,
    resolve,
    events: [{ timestamp: at.now, message: startLine(req.requestId, at.qualifier) }],
    tailPrefix: at.initEvents ?? [],
    startedAt: performance.now(),
    coldInitMs: at.coldInitMs,
    markers: 0,
  };
}

/** Logs END and REPORT, hands the lines to the sink and resolves the caller with the outcome. */
export function completeInvocation(r: Invocation, c: Completion, env: EnvironmentFacts): void {
  r.timer?.cancel();
  r.barrierTimer?.cancel();
  const { now } = env;
  const maxMemoryUsedMb = Math.max(1, Math.ceil(env.maxRssKb / 1024));
  // Billed to the next millisecond; since August 2025 AWS bills the Init phase of a cold start too.
  const billedDurationMs = Math.max(1, Math.ceil(c.durationMs)) + Math.ceil(r.coldInitMs ?? 0);
  for (const line of c.lines ?? []) r.events.push({ timestamp: now, message: line });
  r.events.push({ timestamp: now, message: endLine(r.req.requestId) });
  r.events.push({
    timestamp: now,
    message: reportLine({
      requestId: r.req.requestId,
      durationMs: c.durationMs,
      billedDurationMs,
      memorySize: env.spec.memorySize,
      maxMemoryUsedMb,
      initDurationMs: r.coldInitMs,
      status: c.status,
      errorType: c.errorType,
    }),
  });
  env.emit(r.events);
  r.resolve({
    requestId: r.req.requestId,
    payload: c.payload,
    functionError: c.functionError,
    logTail: logTail(r.tailPrefix.length ? [...r.tailPrefix, ...r.events] : r.events),
    durationMs: c.durationMs,
    billedDurationMs,
    maxMemoryUsedMb,
    environmentId: env.environmentId,
    logStreamName: env.logStreamName,
    coldStart: r.coldInitMs !== undefined,
  });
}

/** An invocation still waiting for init when its environment was torn down on purpose. */
export function abandonedOutcome(
  req: InvocationRequest,
  reason: string,
  env: EnvironmentFacts,
): InvokeOutcome {
  return {
    requestId: req.requestId,
    payload: exited(req.requestId, reason),
    functionError: 'Unhandled',
    logTail: '',
    durationMs: 0,
    billedDurationMs: 0,
    maxMemoryUsedMb: 0,
    environmentId: env.environmentId,
    logStreamName: env.logStreamName,
    coldStart: true,
  };
}
