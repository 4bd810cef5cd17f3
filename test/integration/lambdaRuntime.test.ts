// The Lambda execution engine end to end: real zips unpacked and run in real `node` children
// through the Runtime API. Assertions are on payloads, logs and environment identity, never timings.

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/local/clock.js';
import { AwsServiceError } from '../../src/local/errors.js';
import {
  type FunctionSpec,
  type InvokeOutcome,
  LambdaRuntime,
  type LambdaRuntimeOptions,
  type LogEvent,
  resolveBootstrapPath,
  unpackZip,
} from '../../src/local/services/lambda/runtime/index.js';

const REGION = 'eu-west-1';
const ACCOUNT = '000000000000';
const ENDPOINT = 'http://127.0.0.1:4566';

const logs: Array<{ group: string; stream: string; event: LogEvent }> = [];
const runtimes: LambdaRuntime[] = [];
const pids = new Set<number>();
let workDir: string;
let counter = 0;

function newRuntime(extra: Partial<LambdaRuntimeOptions> = {}): LambdaRuntime {
  const rt = new LambdaRuntime({
    endpoint: ENDPOINT,
    region: REGION,
    accountId: ACCOUNT,
    onLog: (group, stream, events) => {
      for (const event of events) logs.push({ group, stream, event });
    },
    ...extra,
  });
  runtimes.push(rt);
  return rt;
}

/** Zips `files`, unpacks the zip the way the control plane will, and describes the function. */
async function deploy(
  files: Record<string, string>,
  spec: Partial<FunctionSpec> = {},
): Promise<FunctionSpec> {
  const name = `fn-${process.pid}-${++counter}`;
  const zip = zipSync(Object.fromEntries(Object.entries(files).map(([file, text]) => [file, strToU8(text)])));
  const codeDir = path.join(workDir, name);
  await unpackZip(zip, codeDir);
  const qualifier = spec.qualifier ?? '$LATEST';
  return {
    functionName: name,
    qualifier,
    functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}:${qualifier}`,
    codeSha256: `sha-${name}`,
    codeDir,
    handler: 'index.handler',
    runtime: 'nodejs22.x',
    memorySize: 128,
    timeout: 5,
    environment: {},
    logGroupName: `/aws/lambda/${name}`,
    ...spec,
  };
}

async function invoke(rt: LambdaRuntime, spec: FunctionSpec, event: unknown = {}, requestId?: string) {
  const outcome = await rt.invoke(spec, Buffer.from(JSON.stringify(event)), { requestId });
  const pid = (JSON.parse(outcome.payload.toString() || 'null') as { pid?: number } | null)?.pid;
  if (typeof pid === 'number') pids.add(pid);
  return { ...outcome, json: JSON.parse(outcome.payload.toString()) as Record<string, unknown> };
}

const messagesOf = (stream: string): string[] =>
  logs.filter((l) => l.stream === stream).map((l) => l.event.message);

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new AwsServiceError('TestTimeout', `gave up waiting for ${what}`);
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The handler most tests share; `event.action` picks the behaviour. */
const KITCHEN_SINK = `
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
exports.handler = async (event, context) => {
  switch (event.action) {
    case 'sleep': await sleep(event.ms); break;
    case 'throw': { const e = new TypeError('bad thing'); e.code = 'E_BAD'; throw e; }
    case 'exit': process.exit(1);
    case 'uncaught': setTimeout(() => { throw new RangeError('from a timer'); }, 5); await sleep(2000); break;
    case 'log':
      console.log('hello', { a: 1 });
      console.error('two\\nlines');
      process.stdout.write('raw stdout\\n');
      process.stderr.write('raw stderr\\n');
      break;
    case 'big': return 'x'.repeat(7 * 1024 * 1024);
  }
  return { pid: process.pid, requestId: context.awsRequestId };
};
`;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'faas-lambda-rt-'));
  // Bundle the bootstrap once up front so no single test pays for esbuild.
  await resolveBootstrapPath();
});

afterAll(async () => {
  await Promise.all(runtimes.map((rt) => rt.stop()));
  for (const rt of runtimes) expect(rt.stats().environments).toBe(0);
  for (const pid of pids) expect(alive(pid)).toBe(false);
  await rm(workDir, { recursive: true, force: true });
});

describe('handlers', () => {
  const rt = newRuntime();

  it('runs a CommonJS handler from the zip', async () => {
    const spec = await deploy({ 'index.js': KITCHEN_SINK });
    const out = await invoke(rt, spec, { hello: 'world' }, 'req-cjs-1');
    expect(out.functionError).toBeUndefined();
    expect(out.requestId).toBe('req-cjs-1');
    expect(out.json).toEqual({ pid: expect.any(Number), requestId: 'req-cjs-1' });
    expect(out.json.pid).not.toBe(process.pid);
  });

  it('runs an ESM .mjs handler', async () => {
    const spec = await deploy(
      { 'app.mjs': 'export const handler = async (event) => ({ esm: true, got: event });' },
      { handler: 'app.handler' },
    );
    const out = await invoke(rt, spec, { n: 1 });
    expect(out.functionError).toBeUndefined();
    expect(out.json).toEqual({ esm: true, got: { n: 1 } });
  });

  it('resolves dir/file.nested.export with package.json "type": "module" making .js ESM', async () => {
    const spec = await deploy(
      {
        'package.json': '{"type":"module"}',
        'src/api.js': 'export const routes = { main: async () => ({ meta: typeof import.meta.url }) };',
      },
      { handler: 'src/api.routes.main' },
    );
    const out = await invoke(rt, spec);
    expect(out.json).toEqual({ meta: 'string' });
  });

  it('loads .cjs and lets a callback handler opt out of waiting for the event loop', async () => {
    const spec = await deploy({
      'index.cjs': `exports.handler = (event, context, callback) => {
        context.callbackWaitsForEmptyEventLoop = false;
        setTimeout(() => {}, 60000); // would hold the answer for a minute if AWS's default applied
        callback(null, { callback: true, waits: context.callbackWaitsForEmptyEventLoop });
      };`,
    });
    const out = await invoke(rt, spec);
    expect(out.json).toEqual({ callback: true, waits: false });
  });

  it('answers a callback once the event loop is empty by default, and null for a sync handler that never answers', async () => {
    const spec = await deploy({
      'index.js': `exports.handler = (event, context, callback) => {
        if (event.silent) return 'ignored';
        setTimeout(() => { globalThis.late = 'ran'; }, 20);
        // Serialized when the answer is sent: after the timer, if the runtime waited for the loop.
        callback(null, { toJSON: () => ({ waits: context.callbackWaitsForEmptyEventLoop, late: globalThis.late }) });
      };`,
    });
    const first = await invoke(rt, spec);
    expect(first.json).toEqual({ waits: true, late: 'ran' });
    const silent = await invoke(rt, spec, { silent: true });
    expect(silent.functionError).toBeUndefined();
    expect(silent.payload.toString()).toBe('null');
  });

  it('reports an async handler whose promise never settles as Runtime.NodeJsExit', async () => {
    const spec = await deploy({ 'index.js': 'exports.handler = async () => new Promise(() => {});' });
    const out = await invoke(rt, spec);
    expect(out.functionError).toBe('Unhandled');
    expect(out.json.errorType).toBe('Runtime.NodeJsExit');
  });

  it('gives the function its environment and an AWS-like context, without the host environment', async () => {
    process.env.FAAS_HOST_ONLY_SECRET = 'must-not-leak';
    const spec = await deploy(
      {
        'index.js': `exports.handler = async (event, context) => ({
          env: process.env,
          heapMb: require('v8').getHeapStatistics().heap_size_limit / 1048576,
          cwd: process.cwd(),
          context: { ...context, remaining: context.getRemainingTimeInMillis(), waits: context.callbackWaitsForEmptyEventLoop },
        });`,
      },
      {
        qualifier: '7',
        memorySize: 256,
        timeout: 9,
        environment: { STAGE: 'test', NODE_OPTIONS: '--no-deprecation' },
      },
    );
    const out = await rt.invoke(spec, Buffer.from('{}'), {
      requestId: 'req-env',
      clientContext: '{"custom":{"k":"v","name":"Zoë 🚀"}}',
      invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${spec.functionName}:live`,
    });
    delete process.env.FAAS_HOST_ONLY_SECRET;
    const body = JSON.parse(out.payload.toString()) as {
      env: Record<string, string>;
      heapMb: number;
      cwd: string;
      context: Record<string, unknown>;
    };
    expect(body.env).toMatchObject({
      STAGE: 'test',
      AWS_REGION: REGION,
      AWS_DEFAULT_REGION: REGION,
      AWS_LAMBDA_FUNCTION_NAME: spec.functionName,
      AWS_LAMBDA_FUNCTION_VERSION: '7',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_LAMBDA_LOG_GROUP_NAME: spec.logGroupName,
      AWS_LAMBDA_LOG_STREAM_NAME: out.logStreamName,
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      AWS_ENDPOINT_URL: ENDPOINT,
      _HANDLER: 'index.handler',
      LAMBDA_TASK_ROOT: spec.codeDir,
      TZ: ':UTC',
      AWS_ACCESS_KEY_ID: expect.any(String),
      AWS_SECRET_ACCESS_KEY: expect.any(String),
      AWS_SESSION_TOKEN: expect.any(String),
      AWS_LAMBDA_RUNTIME_API: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
      LAMBDA_RUNTIME_DIR: expect.any(String),
      PATH: process.env.PATH,
    });
    expect(body.env.NODE_OPTIONS).toBe('--max-semi-space-size=2 --max-old-space-size=252 --no-deprecation');
    expect(body.env.FAAS_HOST_ONLY_SECRET).toBeUndefined();
    expect(body.env.HOME).toBeUndefined();
    expect(body.heapMb).toBeLessThan(300);
    expect(body.cwd).toBe(spec.codeDir);
    expect(body.context).toMatchObject({
      awsRequestId: 'req-env',
      functionName: spec.functionName,
      functionVersion: '7',
      invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${spec.functionName}:live`,
      memoryLimitInMB: '256',
      logGroupName: spec.logGroupName,
      logStreamName: out.logStreamName,
      clientContext: { custom: { k: 'v', name: 'Zoë 🚀' } },
      waits: true,
    });
    expect(body.context.remaining).toBeGreaterThan(0);
    expect(body.context.remaining).toBeLessThanOrEqual(9000);
    expect(out.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[7\][0-9a-f]{32}$/);
  });
});

describe('failures', () => {
  const rt = newRuntime();

  it('returns a thrown error as { errorType, errorMessage, trace } and keeps the environment', async () => {
    const spec = await deploy({ 'index.js': KITCHEN_SINK });
    const warm = await invoke(rt, spec);
    const out = await invoke(rt, spec, { action: 'throw' });
    expect(out.functionError).toBe('Unhandled');
    expect(out.json).toEqual({ errorType: 'TypeError', errorMessage: 'bad thing', trace: expect.any(Array) });
    expect((out.json.trace as string[])[0]).toBe('TypeError: bad thing');
    expect(out.environmentId).toBe(warm.environmentId);
    expect(out.logTail).toMatch(
      /\tERROR\tInvoke Error \t\{"errorType":"TypeError","errorMessage":"bad thing","code":"E_BAD"/,
    );
    const after = await invoke(rt, spec);
    expect(after.environmentId).toBe(warm.environmentId);
  });

  it('times out: Sandbox.Timedout, the environment is killed and replaced', async () => {
    const spec = await deploy({ 'index.js': KITCHEN_SINK }, { timeout: 1 });
    const warm = await invoke(rt, spec);
    const out = await invoke(rt, spec, { action: 'sleep', ms: 3000 }, 'req-timeout');
    expect(out.functionError).toBe('Unhandled');
    expect(out.json).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: 'RequestId: req-timeout Error: Task timed out after 1.00 seconds',
    });
    expect(out.environmentId).toBe(warm.environmentId);
    expect(alive(warm.json.pid as number)).toBe(false);
    expect(out.logTail).toMatch(/Z req-timeout Task timed out after 1\.00 seconds\n/);
    expect(out.logTail).toMatch(/REPORT RequestId: req-timeout\t.*\tStatus: timeout\t\n$/);
    const next = await invoke(rt, spec);
    expect(next.functionError).toBeUndefined();
    expect(next.environmentId).not.toBe(warm.environmentId);
    expect(next.coldStart).toBe(true);
  });

  it('a process.exit is Runtime.ExitError and the next invocation gets a fresh environment', async () => {
    const spec = await deploy({ 'index.js': KITCHEN_SINK });
    const warm = await invoke(rt, spec);
    const out = await invoke(rt, spec, { action: 'exit' }, 'req-exit');
    expect(out.functionError).toBe('Unhandled');
    expect(out.json).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: 'RequestId: req-exit Error: Runtime exited with error: exit status 1',
    });
    expect(out.logTail).toContain(
      'RequestId: req-exit Error: Runtime exited with error: exit status 1\nRuntime.ExitError\n',
    );
    expect(out.logTail).toMatch(/Status: error\tError Type: Runtime.ExitError\t\n$/);
    const next = await invoke(rt, spec);
    expect(next.functionError).toBeUndefined();
    expect(next.environmentId).not.toBe(warm.environmentId);
    expect(next.json.pid).not.toBe(warm.json.pid);
  });

  it('an uncaught exception is reported as the error it was, then the environment is replaced', async () => {
    const spec = await deploy({ 'index.js': KITCHEN_SINK });
    const warm = await invoke(rt, spec);
    const out = await invoke(rt, spec, { action: 'uncaught' });
    expect(out.functionError).toBe('Unhandled');
    expect(out.json).toMatchObject({ errorType: 'RangeError', errorMessage: 'from a timer' });
    expect(out.logTail).toContain('\tERROR\tUncaught Exception \t{"errorType":"RangeError"');
    const next = await invoke(rt, spec);
    expect(next.environmentId).not.toBe(warm.environmentId);
  });

  it('reports Runtime.HandlerNotFound from init', async () => {
    const spec = await deploy({ 'index.js': 'exports.other = async () => 1;' }, { handler: 'index.handler' });
    const out = await invoke(rt, spec, {}, 'req-hnf');
    expect(out.functionError).toBe('Unhandled');
    expect(out.json).toMatchObject({
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: 'index.handler is undefined or not exported',
    });
    expect((out.json.trace as string[])[0]).toBe(
      'Runtime.HandlerNotFound: index.handler is undefined or not exported',
    );
    expect(out.logTail).toMatch(
      /\tundefined\tERROR\tUncaught Exception \t\{"errorType":"Runtime.HandlerNotFound"/,
    );
    expect(out.logTail).toMatch(
      /INIT_REPORT Init Duration: [\d.]+ ms\tPhase: init\tStatus: error\tError Type: Runtime.HandlerNotFound\t\n/,
    );
    expect(out.logTail).toMatch(/START RequestId: req-hnf Version: \$LATEST\n/);
  });

  it('reports Runtime.HandlerNotFound when the export is not a function', async () => {
    const spec = await deploy({ 'index.js': 'exports.handler = 42;' });
    const out = await invoke(rt, spec);
    expect(out.json).toMatchObject({
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: 'index.handler is not a function',
    });
  });

  it('reports Runtime.ImportModuleError for a missing handler file and for a missing dependency', async () => {
    const missingFile = await deploy(
      { 'index.js': 'exports.handler = async () => 1;' },
      { handler: 'nope.handler' },
    );
    const a = await invoke(rt, missingFile);
    expect(a.functionError).toBe('Unhandled');
    expect(a.json.errorType).toBe('Runtime.ImportModuleError');
    expect(a.json.errorMessage).toMatch(/^Error: Cannot find module 'nope'/);

    const missingDep = await deploy({
      'index.js': "require('left-pad-not-installed'); exports.handler = async () => 1;",
    });
    const b = await invoke(rt, missingDep);
    expect(b.json.errorType).toBe('Runtime.ImportModuleError');
    expect(b.json.errorMessage).toMatch(/^Error: Cannot find module 'left-pad-not-installed'/);

    const missingEsmDep = await deploy({
      'index.mjs': "import 'esm-dep-not-installed'; export const handler = async () => 1;",
    });
    const c = await invoke(rt, missingEsmDep);
    expect(c.json.errorType).toBe('Runtime.ImportModuleError');
    expect(c.json.errorMessage).toContain("Cannot find package 'esm-dep-not-installed'");
  });

  it('reports Runtime.UserCodeSyntaxError', async () => {
    const spec = await deploy({ 'index.js': 'exports.handler = async (event) => { return {; };' });
    const out = await invoke(rt, spec);
    expect(out.functionError).toBe('Unhandled');
    expect(out.json.errorType).toBe('Runtime.UserCodeSyntaxError');
    expect(out.json.errorMessage).toMatch(/^SyntaxError: /);
  });

  it('reports Runtime.MalformedHandlerName', async () => {
    const spec = await deploy({ 'index.js': 'exports.handler = async () => 1;' }, { handler: 'index' });
    const out = await invoke(rt, spec);
    expect(out.json).toMatchObject({
      errorType: 'Runtime.MalformedHandlerName',
      errorMessage: 'Bad handler',
    });
  });

  it('refuses a response over 6 MB with Function.ResponseSizeTooLarge', async () => {
    const spec = await deploy({ 'index.js': KITCHEN_SINK });
    const out = await invoke(rt, spec, { action: 'big' });
    expect(out.functionError).toBe('Unhandled');
    expect(out.json).toEqual({
      errorType: 'Function.ResponseSizeTooLarge',
      errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).',
    });
  });
});

describe('environments', () => {
  it('reuses a warm environment for sequential invocations', async () => {
    const rt = newRuntime();
    const spec = await deploy({ 'index.js': KITCHEN_SINK });
    const runs: Array<InvokeOutcome & { json: Record<string, unknown> }> = [];
    for (let i = 0; i < 5; i++) runs.push(await invoke(rt, spec));
    expect(new Set(runs.map((r) => r.environmentId)).size).toBe(1);
    expect(new Set(runs.map((r) => r.json.pid)).size).toBe(1);
    expect(runs.map((r) => r.coldStart)).toEqual([true, false, false, false, false]);
    expect(runs[0]!.logTail).toMatch(/\tInit Duration: [\d.]+ ms\t/);
    expect(runs[1]!.logTail).not.toContain('Init Duration');
    expect(rt.stats().environments).toBe(1);
  });

  it('runs parallel invocations in separate environments', async () => {
    const rt = newRuntime();
    const spec = await deploy({ 'index.js': KITCHEN_SINK });
    const runs = await Promise.all([1, 2, 3, 4].map(() => invoke(rt, spec, { action: 'sleep', ms: 200 })));
    expect(runs.every((r) => r.functionError === undefined)).toBe(true);
    expect(new Set(runs.map((r) => r.environmentId)).size).toBe(4);
    expect(new Set(runs.map((r) => r.json.pid)).size).toBe(4);
    // Each goes back to idle once its runtime asks for the next invocation.
    await until(() => rt.stats().pools[0]?.idle === 4, 'four idle environments');
    expect(rt.stats().pools[0]).toMatchObject({ environments: 4, inFlight: 0, queued: 0 });
    expect(rt.stats().pools[0]!.pids.sort()).toEqual(runs.map((r) => r.json.pid as number).sort());
  });

  it('queues above the default concurrency instead of starting more environments', async () => {
    const rt = newRuntime({ defaultConcurrency: 2 });
    const spec = await deploy({ 'index.js': KITCHEN_SINK });
    const runs = await Promise.all([1, 2, 3, 4, 5].map(() => invoke(rt, spec, { action: 'sleep', ms: 100 })));
    expect(runs.every((r) => r.functionError === undefined)).toBe(true);
    expect(new Set(runs.map((r) => r.environmentId)).size).toBeLessThanOrEqual(2);
  });

  it('throttles with TooManyRequestsException when reserved concurrency is exhausted', async () => {
    const rt = newRuntime();
    const spec = await deploy({ 'index.js': KITCHEN_SINK }, { reservedConcurrency: 1 });
    const first = invoke(rt, spec, { action: 'sleep', ms: 1500 });
    await until(() => rt.stats().pools[0]?.inFlight === 1, 'the first invocation to hold the only slot');
    const error = await rt.invoke(spec, Buffer.from('{}')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsServiceError);
    expect(error).toMatchObject({
      code: 'TooManyRequestsException',
      message: 'Rate Exceeded.',
      status: 429,
      extra: { Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' },
    });
    expect((await first).functionError).toBeUndefined();

    const zero = await deploy({ 'index.js': KITCHEN_SINK }, { reservedConcurrency: 0 });
    await expect(rt.invoke(zero, Buffer.from('{}'))).rejects.toMatchObject({
      code: 'TooManyRequestsException',
    });
  });

  it('retires idle environments after the keep-alive (scaled by the clock)', async () => {
    const rt = newRuntime({ clock: systemClock(0.001), keepAliveMs: 60_000 });
    const spec = await deploy({ 'index.js': KITCHEN_SINK });
    const first = await invoke(rt, spec);
    await until(() => rt.stats().environments === 0, 'the idle environment to be retired');
    expect(alive(first.json.pid as number)).toBe(false);
    const second = await invoke(rt, spec);
    expect(second.coldStart).toBe(true);
    expect(second.environmentId).not.toBe(first.environmentId);
  });

  it('replaces an environment whose runtime never asks for more work after answering', async () => {
    const rt = newRuntime({ clock: systemClock(0.01) });
    const spec = await deploy({
      'index.js': `exports.handler = (event, context, callback) => {
        context.callbackWaitsForEmptyEventLoop = false;
        if (event.block) setTimeout(() => { const end = Date.now() + 60000; while (Date.now() < end); }, 0);
        callback(null, { pid: process.pid });
      };`,
    });
    const blocked = await invoke(rt, spec, { block: true });
    expect(blocked.functionError).toBeUndefined();
    const next = await invoke(rt, spec);
    expect(next.functionError).toBeUndefined();
    expect(next.environmentId).not.toBe(blocked.environmentId);
    expect(alive(blocked.json.pid as number)).toBe(false);
  });

  it('retire() stops a function’s environments; a changed configuration gets new ones', async () => {
    const rt = newRuntime();
    const spec = await deploy({
      'index.js': 'exports.handler = async () => ({ stage: process.env.STAGE, pid: process.pid });',
    });
    const v1 = await invoke(rt, { ...spec, environment: { STAGE: 'one' } });
    const v2 = await invoke(rt, { ...spec, environment: { STAGE: 'two' } });
    expect(v1.json.stage).toBe('one');
    expect(v2.json.stage).toBe('two');
    expect(v2.environmentId).not.toBe(v1.environmentId);
    await until(() => !alive(v1.json.pid as number), 'the outdated environment to stop');
    await rt.retire(spec.functionArn.slice(0, spec.functionArn.lastIndexOf(':')));
    expect(rt.stats().environments).toBe(0);
    expect(alive(v2.json.pid as number)).toBe(false);
  });
});

describe('logs', () => {
  it('sends START, console lines, END and REPORT to the sink and returns the tail', async () => {
    const rt = newRuntime();
    const spec = await deploy({ 'index.js': KITCHEN_SINK }, { qualifier: '3' });
    const out = await invoke(rt, spec, { action: 'log' }, 'req-log');
    const group = logs.filter((l) => l.stream === out.logStreamName).map((l) => l.group);
    expect(new Set(group)).toEqual(new Set([spec.logGroupName]));
    expect(out.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[3\][0-9a-f]{32}$/);
    const messages = messagesOf(out.logStreamName);
    expect(messages[0]).toMatch(
      /^INIT_START Runtime Version: nodejs:22\.v\d+\tRuntime Version ARN: arn:aws:lambda:eu-west-1::runtime:\S+\n$/,
    );
    const start = messages.indexOf('START RequestId: req-log Version: 3\n');
    expect(start).toBeGreaterThan(0);
    const invocation = messages.slice(start);
    // stdout and stderr are separate pipes: stderr's line may land anywhere between START and END.
    const body = invocation.slice(1, -2);
    expect(body).toHaveLength(4);
    expect(body).toContain('raw stderr\n');
    expect(body.filter((m) => m !== 'raw stderr\n')).toEqual([
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z\treq-log\tINFO\thello \{ a: 1 \}\n$/),
      expect.stringMatching(/^\S+Z\treq-log\tERROR\ttwo\nlines\n$/),
      'raw stdout\n',
    ]);
    expect(invocation.at(-2)).toBe('END RequestId: req-log\n');
    expect(invocation.at(-1)).toMatch(
      /^REPORT RequestId: req-log\tDuration: \d+\.\d{2} ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: \d+\.\d{2} ms\t\n$/,
    );
    expect(out.logTail).toBe(messages.join(''));
    expect(out.maxMemoryUsedMb).toBeGreaterThan(10);
    expect(out.billedDurationMs).toBeGreaterThanOrEqual(Math.ceil(out.durationMs));
  });
});
