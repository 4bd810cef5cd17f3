// The Lambda execution engine end to end: warm reuse, parallel environments, concurrency limits and
// throttling, keep-alive retirement, and replacing stuck or outdated environments.

import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/local/clock.js';
import { AwsServiceError } from '../../src/local/errors.js';
import type { InvokeOutcome } from '../../src/local/services/lambda/runtime/index.js';
import {
  alive,
  deploy,
  invoke,
  KITCHEN_SINK,
  newRuntime,
  until,
  useLambdaRuntimes,
} from './lambdaRuntimeHelpers.js';

useLambdaRuntimes();

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
