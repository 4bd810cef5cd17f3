import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import { afterAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../../src/local/index.js';
import {
  createActive,
  decode,
  lambdaClient,
  ROLE,
  uniqueName,
  waiterParams,
  zipOf,
} from './lambdaHelpers.js';

/** Marks `e.started`, waits for `e.gate` to exist, then writes to `e.out` which cloud ran it. */
const GATED = `
const fs = require('node:fs');
exports.handler = async (e) => {
  if (e.started) fs.writeFileSync(e.started, 'yes');
  while (e.gate && !fs.existsSync(e.gate)) await new Promise((r) => setTimeout(r, 20));
  if (e.out) fs.writeFileSync(e.out, process.env.AWS_ENDPOINT_URL);
  return 'ok';
};`;

const dataDir = mkdtempSync(join(tmpdir(), 'faas-lambda-durable-'));
const work = mkdtempSync(join(tmpdir(), 'faas-lambda-durable-work-'));
let running: LocalCloud | undefined;

afterAll(async () => {
  await running?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('Lambda durability across a restart', () => {
  it('keeps functions, finishes a Pending one, and delivers an async event accepted before the stop', async () => {
    const first = await startLocalCloud({ port: 0, dataDir });
    running = first;
    let lambda = lambdaClient(first.endpoint);
    const name = uniqueName('durable');
    await createActive(lambda, name, GATED, { Timeout: 60 });
    const f = { started: join(work, 'started'), gate: join(work, 'gate'), out: join(work, 'out') };
    const accepted = await lambda.send(
      new InvokeCommand({
        FunctionName: name,
        InvocationType: 'Event',
        Payload: Buffer.from(JSON.stringify(f)),
      }),
    );
    expect(accepted.StatusCode).toBe(202);
    // The event is running (and blocked) when the cloud goes down; it must run again afterwards.
    await until(() => existsSync(f.started), 'the event to start');
    const late = uniqueName('pending');
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: late,
        Runtime: 'nodejs22.x',
        Role: ROLE,
        Handler: 'index.handler',
        Code: { ZipFile: zipOf('exports.handler = async () => "late";') },
      }),
    );
    await first.stop();
    running = undefined;
    expect(existsSync(f.out)).toBe(false);
    writeFileSync(f.gate, 'open');

    const second = await startLocalCloud({ port: 0, dataDir });
    running = second;
    lambda = lambdaClient(second.endpoint);
    await until(() => existsSync(f.out), 'the event to be delivered after the restart');
    // Run again by the restarted cloud, not finished by a leftover of the first one.
    expect(readFileSync(f.out, 'utf8')).toBe(second.endpoint);

    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    expect(config).toMatchObject({ State: 'Active', Timeout: 60 });
    const sync = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from('{}') }));
    expect(decode(sync.Payload)).toBe('ok');

    await waitUntilFunctionActiveV2(waiterParams(lambda), { FunctionName: late });
    expect(decode((await lambda.send(new InvokeCommand({ FunctionName: late }))).Payload)).toBe('late');
  });
});
