// The Lambda execution engine end to end: thrown errors, timeouts, exits, uncaught exceptions and
// every Runtime.* init error, with the environment kept or replaced as on AWS.

import { describe, expect, it } from 'vitest';
import {
  alive,
  deploy,
  invoke,
  KITCHEN_SINK,
  newRuntime,
  useLambdaRuntimes,
} from './lambdaRuntimeHelpers.js';

useLambdaRuntimes();

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
