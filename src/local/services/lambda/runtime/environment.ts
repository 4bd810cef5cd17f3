// One execution environment: a `node` child running the bootstrap, its own Runtime API server and
// log stream, and the lifecycle starting → idle ⇄ busy → finishing → idle … → dead. Every way an
// invocation can end (answer, error, timeout, crash, failed init) becomes an InvokeOutcome here.

import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import type { EnvironmentDeps, EnvironmentState } from './environmentDeps.js';
import { errorTypeOf, exited, responseTooLarge, timedOut } from './failures.js';
import {
  abandonedOutcome,
  type Completion,
  completeInvocation,
  type EnvironmentFacts,
  type Invocation,
  type InvocationRequest,
  limitTimer,
  type Resolve,
  startInvocation,
  type Timer,
} from './invocation.js';
import {
  exitReason,
  initReportLine,
  initStartLine,
  LineSplitter,
  lineToMessage,
  logStreamName,
  newEnvironmentId,
  timeoutLine,
} from './logs.js';
import { buildProcessEnv } from './processEnv.js';
import { END_MARKER } from './protocol.js';
import { RuntimeApiServer } from './runtimeApi.js';
import type { FunctionSpec, InvokeOutcome, LogEvent } from './types.js';

export type { InvocationRequest } from './invocation.js';

/** How long to wait for the output barrier once the answer is in (an internal delay: scaled). */
const LOG_BARRIER_MS = 200;
/**
 * The bootstrap asks for the next invocation right after answering; one that has not within this
 * time has a blocked event loop and would strand queued invocations, so it is replaced.
 */
const NEXT_GRACE_MS = 5_000;

export type { EnvironmentDeps, EnvironmentState } from './environmentDeps.js';

export class Environment {
  readonly id = newEnvironmentId();
  readonly logStreamName: string;
  state: EnvironmentState = 'starting';
  private child?: ChildProcess;
  private api?: RuntimeApiServer;
  private heldNext?: ServerResponse;
  private waiting?: { req: InvocationRequest; resolve: Resolve };
  private running?: Invocation;
  private readonly initStartedAt: number;
  private initDurationMs?: number;
  private initEvents: LogEvent[] = [];
  private initError?: { body: Buffer; errorType?: string };
  private initTimedOut = false;
  private initTimer?: Timer;
  private nextTimer?: Timer;
  private invocations = 0;
  private loose: LogEvent[] = [];
  private maxRssKb = 0;
  private killedByUs = false;
  private closed = false;
  private markExited!: () => void;
  readonly exited = new Promise<void>((resolve) => {
    this.markExited = resolve;
  });

  constructor(
    readonly spec: FunctionSpec,
    private readonly deps: EnvironmentDeps,
  ) {
    this.logStreamName = logStreamName(deps.clock.now(), spec.qualifier, this.id);
    this.initStartedAt = performance.now();
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    const { deps, spec } = this;
    this.initEvents.push({ timestamp: deps.clock.now(), message: initStartLine(deps.region) });
    try {
      this.api = await RuntimeApiServer.listen({
        onNext: (res) => this.onNext(res),
        onResponse: (id, body, tooLarge) =>
          this.answer(
            id,
            tooLarge ? { payload: responseTooLarge(), functionError: 'Unhandled' } : { payload: body },
          ),
        onError: (id, body) => this.answer(id, { payload: body, functionError: 'Unhandled' }),
        onInitError: (body, errorType) => {
          this.initError = { body, errorType: errorType ?? errorTypeOf(body) };
        },
      });
    } catch {
      return this.onClosed(null, null);
    }
    if (this.killedByUs) return this.onClosed(null, 'SIGKILL');
    const env = buildProcessEnv({
      spec,
      region: deps.region,
      endpoint: deps.endpoint,
      runtimeApi: this.api.address,
      logStreamName: this.logStreamName,
      runtimeDir: path.dirname(deps.bootstrapPath),
      credentials: deps.credentials,
      nodePath: deps.nodePath,
    });
    const child = spawn(process.execPath, [deps.bootstrapPath], {
      cwd: spec.codeDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    for (const stream of [child.stdout!, child.stderr!]) {
      stream.setEncoding('utf8');
      const lines = new LineSplitter((line) => this.onLine(line));
      stream.on('data', (chunk: string) => lines.push(chunk));
      stream.on('end', () => lines.flush());
    }
    // 'close' comes after the exit and after both pipes ended: every line has been read by then.
    child.on('close', (code, signal) => this.onClosed(code, signal));
    child.on('error', () => {
      if (child.pid === undefined) this.onClosed(null, null);
    });
    this.initTimer = limitTimer(deps.initTimeoutMs, () => {
      if (this.state !== 'starting') return;
      this.initTimedOut = true;
      child.kill('SIGKILL');
    });
  }

  /** Runs one invocation; never rejects: every failure is an outcome, as Invoke reports it. */
  run(req: InvocationRequest): Promise<InvokeOutcome> {
    return new Promise((resolve) => {
      if (this.state === 'starting' && !this.waiting) this.waiting = { req, resolve };
      else if (this.state === 'idle' && this.heldNext) this.dispatch(req, resolve);
      else {
        const r = this.begin(req, resolve);
        const reason = exitReason(null, null);
        this.complete(r, {
          payload: exited(req.requestId, reason),
          functionError: 'Unhandled',
          durationMs: 0,
        });
      }
    });
  }

  /** SIGKILL; resolves once the process is gone and its output read. */
  kill(): Promise<void> {
    this.killedByUs = true;
    if (this.child && !this.closed) this.child.kill('SIGKILL');
    return this.exited;
  }

  private onNext(res: ServerResponse): void {
    // Killed but not yet reaped: taking work now would hand it to a process about to vanish.
    if (this.killedByUs) return;
    this.heldNext = res;
    if (this.state === 'starting') {
      this.initTimer?.cancel();
      this.initDurationMs = performance.now() - this.initStartedAt;
      this.emit(this.initEvents);
      this.state = 'idle';
      const waiting = this.waiting;
      this.waiting = undefined;
      if (waiting) this.dispatch(waiting.req, waiting.resolve);
      else this.deps.onAvailable(this);
    } else if (this.state === 'finishing') {
      this.nextTimer?.cancel();
      this.state = 'idle';
      this.deps.onAvailable(this);
    }
    // 'busy': the runtime asked again before its answer's output barrier arrived; finish() sees it.
  }

  private facts(): EnvironmentFacts {
    return {
      spec: this.spec,
      environmentId: this.id,
      logStreamName: this.logStreamName,
      maxRssKb: this.maxRssKb,
      now: this.deps.clock.now(),
      emit: (events) => this.emit(events),
    };
  }

  private complete(r: Invocation, c: Completion): void {
    completeInvocation(r, c, this.facts());
  }

  /** The first invocation of an environment carries its Init Duration and init-phase lines. */
  private begin(req: InvocationRequest, resolve: Resolve): Invocation {
    const first = this.invocations++ === 0;
    const r = startInvocation(req, resolve, {
      now: this.deps.clock.now(),
      qualifier: this.spec.qualifier,
      initEvents: first ? this.initEvents : undefined,
      coldInitMs: first ? this.initDurationMs : undefined,
    });
    if (first) this.initEvents = [];
    return r;
  }

  private dispatch(req: InvocationRequest, resolve: Resolve): void {
    this.flushLoose();
    const { clock } = this.deps;
    const r = this.begin(req, resolve);
    const timeoutMs = this.spec.timeout * 1000;
    r.timer = limitTimer(timeoutMs, () => this.onTimeout(r));
    this.state = 'busy';
    this.running = r;
    const res = this.heldNext!;
    this.heldNext = undefined;
    const now = clock.now();
    RuntimeApiServer.sendInvocation(res, req.payload, {
      requestId: req.requestId,
      deadlineMs: now + timeoutMs,
      invokedFunctionArn: req.invokedFunctionArn,
      traceId: `Root=1-${Math.floor(now / 1000).toString(16)}-${randomBytes(12).toString('hex')};Sampled=0`,
      clientContext: req.clientContext,
    });
  }

  private answer(requestId: string, result: { payload: Buffer; functionError?: 'Unhandled' }): boolean {
    const r = this.running;
    if (!r || r.req.requestId !== requestId || r.result || r.timedOutAt !== undefined) return false;
    r.result = { ...result, at: performance.now() };
    this.maybeFinish(r);
    return true;
  }

  private maybeFinish(r: Invocation): void {
    if (r.markers >= 2) this.finish(r);
    // The barrier is nearly always in the pipe already; but a function that silenced stdout or
    // stderr must not hang its caller.
    else r.barrierTimer ??= this.deps.clock.setTimer(() => this.finish(r), LOG_BARRIER_MS);
  }

  private finish(r: Invocation): void {
    if (this.running !== r || !r.result) return;
    this.running = undefined;
    const { payload, functionError, at } = r.result;
    this.complete(r, { payload, functionError, durationMs: at - r.startedAt });
    if (this.state === 'dead') return;
    if (this.heldNext) {
      this.state = 'idle';
      this.deps.onAvailable(this);
    } else {
      this.state = 'finishing';
      // Real time, like the function timeout: a busy machine can delay a healthy runtime's next
      // request by far more than a scaled grace, and replacing it then only adds cold starts.
      this.nextTimer = limitTimer(NEXT_GRACE_MS, () => {
        if (this.state === 'finishing') void this.kill();
      });
    }
  }

  private onTimeout(r: Invocation): void {
    if (this.running !== r || r.result) return;
    r.timedOutAt = performance.now();
    // The outcome is built in onClosed, once the killed process's last output has been read.
    this.child?.kill('SIGKILL');
  }

  private onClosed(code: number | null, signal: string | null): void {
    if (this.closed) return;
    this.closed = true;
    const prior = this.state;
    this.state = 'dead';
    this.initTimer?.cancel();
    this.nextTimer?.cancel();
    this.heldNext = undefined;
    void this.api?.close();
    const { clock } = this.deps;
    const reason = exitReason(code, signal);
    const r = this.running;
    this.running = undefined;
    if (r?.result) {
      // Answered, then died (an uncaught exception is reported before the runtime exits).
      const { payload, functionError, at } = r.result;
      const lines = this.killedByUs
        ? []
        : [`RequestId: ${r.req.requestId} Error: ${reason}\nRuntime.ExitError\n`];
      this.complete(r, { payload, functionError, durationMs: at - r.startedAt, lines });
    } else if (r?.timedOutAt !== undefined) {
      this.complete(r, {
        payload: timedOut(r.req.requestId, this.spec.timeout),
        functionError: 'Unhandled',
        durationMs: r.timedOutAt - r.startedAt,
        status: 'timeout',
        lines: [timeoutLine(clock.now(), r.req.requestId, this.spec.timeout)],
      });
    } else if (r) {
      this.complete(r, {
        payload: exited(r.req.requestId, reason),
        functionError: 'Unhandled',
        durationMs: performance.now() - r.startedAt,
        status: 'error',
        errorType: 'Runtime.ExitError',
        lines: [`RequestId: ${r.req.requestId} Error: ${reason}\nRuntime.ExitError\n`],
      });
    } else if (prior === 'starting') {
      this.failInit(reason);
    } else if (!this.killedByUs) {
      this.addEvent(`Error: ${reason}\nRuntime.ExitError`);
    }
    this.flushLoose();
    this.deps.onDeath(this);
    this.markExited();
  }

  /** Init failed: the invocation that started this environment gets the init error, like on AWS. */
  private failInit(reason: string): void {
    const initMs = performance.now() - this.initStartedAt;
    const errorType = this.initTimedOut ? undefined : (this.initError?.errorType ?? 'Runtime.ExitError');
    const status = this.initTimedOut ? 'timeout' : 'error';
    const initLines = [
      ...this.initEvents,
      { timestamp: this.deps.clock.now(), message: initReportLine(initMs, status, errorType) },
    ];
    this.initEvents = [];
    this.emit(initLines);
    const waiting = this.waiting;
    this.waiting = undefined;
    if (!waiting || this.killedByUs) {
      if (waiting) waiting.resolve(abandonedOutcome(waiting.req, reason, this.facts()));
      return;
    }
    const r = this.begin(waiting.req, waiting.resolve);
    r.tailPrefix = initLines;
    const id = waiting.req.requestId;
    this.complete(r, {
      payload: this.initTimedOut
        ? timedOut(id, this.deps.initTimeoutMs / 1000)
        : (this.initError?.body ?? exited(id, reason)),
      functionError: 'Unhandled',
      durationMs: initMs,
      status,
      errorType,
      lines:
        this.initError || this.initTimedOut ? [] : [`RequestId: ${id} Error: ${reason}\nRuntime.ExitError\n`],
    });
  }

  private onLine(line: string): void {
    const at = line.indexOf(END_MARKER);
    if (at !== 0) this.addEvent(at < 0 ? line : line.slice(0, at));
    if (at < 0) return;
    const [id, rss] = line.slice(at + END_MARKER.length).split(' ');
    const kb = Number(rss);
    if (kb > this.maxRssKb) this.maxRssKb = kb;
    const r = this.running;
    if (r && r.req.requestId === id && ++r.markers >= 2 && r.result) this.finish(r);
  }

  private addEvent(line: string): void {
    const event = { timestamp: this.deps.clock.now(), message: lineToMessage(line) };
    if (this.running) this.running.events.push(event);
    else if (this.state === 'starting') this.initEvents.push(event);
    else {
      // Output between invocations (background work): flushed on its own, in order.
      if (this.loose.length === 0) setImmediate(() => this.flushLoose());
      this.loose.push(event);
    }
  }

  private flushLoose(): void {
    if (this.loose.length === 0) return;
    const events = this.loose;
    this.loose = [];
    this.emit(events);
  }

  private emit(events: LogEvent[]): void {
    if (events.length === 0) return;
    try {
      this.deps.onLog(this.spec.logGroupName, this.logStreamName, events);
    } catch {
      // A failing log sink must not take the function down with it.
    }
  }
}
