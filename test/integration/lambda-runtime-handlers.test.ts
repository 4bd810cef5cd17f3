// The Lambda execution engine end to end: handler styles (CommonJS, ESM, callbacks), the function's
// environment and context, and the log lines sent to the sink. Real zips in real `node` children.

import { describe, expect, it } from 'vitest';
import {
  ACCOUNT,
  deploy,
  ENDPOINT,
  invoke,
  KITCHEN_SINK,
  logs,
  newRuntime,
  REGION,
  useLambdaRuntimes,
} from './lambdaRuntimeHelpers.js';

useLambdaRuntimes();

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

const messagesOf = (stream: string): string[] =>
  logs.filter((l) => l.stream === stream).map((l) => l.event.message);

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
