// Shared by the Lambda runtime tests: runtimes whose logs land in `logs`, deploy (a real zip, unpacked
// as the control plane does), invoke, waits, and `useLambdaRuntimes` to clean up and check for leaks.

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, expect } from 'vitest';
import { AwsServiceError } from '../../src/local/errors.js';
import {
  type FunctionSpec,
  LambdaRuntime,
  type LambdaRuntimeOptions,
  type LogEvent,
  resolveBootstrapPath,
  unpackZip,
} from '../../src/local/services/lambda/runtime/index.js';

export const REGION = 'eu-west-1';
export const ACCOUNT = '000000000000';
export const ENDPOINT = 'http://127.0.0.1:4566';

export const logs: Array<{ group: string; stream: string; event: LogEvent }> = [];
const runtimes: LambdaRuntime[] = [];
const pids = new Set<number>();
let workDir: string;
let counter = 0;

export function newRuntime(extra: Partial<LambdaRuntimeOptions> = {}): LambdaRuntime {
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
export async function deploy(
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

export async function invoke(rt: LambdaRuntime, spec: FunctionSpec, event: unknown = {}, requestId?: string) {
  const outcome = await rt.invoke(spec, Buffer.from(JSON.stringify(event)), { requestId });
  const pid = (JSON.parse(outcome.payload.toString() || 'null') as { pid?: number } | null)?.pid;
  if (typeof pid === 'number') pids.add(pid);
  return { ...outcome, json: JSON.parse(outcome.payload.toString()) as Record<string, unknown> };
}

export async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new AwsServiceError('TestTimeout', `gave up waiting for ${what}`);
}

export const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The handler most tests share; `event.action` picks the behaviour. */
export const KITCHEN_SINK = `
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

/**
 * Makes the work directory and bundles the bootstrap before the calling file's tests; afterwards
 * stops every runtime `newRuntime` made and checks no environment or process outlived it.
 */
export function useLambdaRuntimes(): void {
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
}
