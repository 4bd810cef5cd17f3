// `faas up` killed half-way (a fault after N mutating calls, as if the process died) leaves a
// partial pipeline; the next `up` finishes it, and the one after makes no mutating call.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsClients, createAwsClients } from '../../src/aws/clients.js';
import type { CallCounter } from '../../src/aws/counter.js';
import { type LocalCloud, startLocalCloud } from '../../src/local/index.js';
import { inProcessCli } from '../helpers/cliHarness.js';

let local: LocalCloud;
let dir: string;
const project = `int${Math.random().toString(36).slice(2, 9)}`;
let crashAfter: number | undefined;

/** Fails every call once `crashAfter` mutating calls went through, like a process killed mid-apply. */
function withCrash(clients: AwsClients, counter: CallCounter): AwsClients {
  type Handler = (args: unknown) => Promise<unknown>;
  const crash =
    (next: Handler): Handler =>
    async (args) => {
      if (crashAfter !== undefined && counter.mutations >= crashAfter) {
        throw Object.assign(new Error('simulated crash'), { name: 'SimulatedCrash' });
      }
      return next(args);
    };
  for (const client of Object.values(clients)) {
    const stack = client.middlewareStack as unknown as { add(mw: typeof crash, options: object): void };
    stack.add(crash, { step: 'initialize', name: 'simulatedCrash' });
  }
  return clients;
}

const { faas, counters } = inProcessCli({
  cwd: () => dir,
  overrides: {
    createClients: (settings, counter) => withCrash(createAwsClients(settings, counter), counter),
  },
});
/** Everything a run printed, out and err. */
const printed = (run: { out: string[]; err: string[] }) => [...run.out, ...run.err];

beforeAll(async () => {
  local = await startLocalCloud({ port: 0, ephemeral: true });
  dir = mkdtempSync(join(tmpdir(), 'faas-interrupt-'));
  writeFileSync(
    join(dir, '.faasrc.json'),
    JSON.stringify({ project, target: 'local', endpoint: local.endpoint }),
  );
});

afterAll(async () => {
  await local?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('an interrupted up', () => {
  it('is finished by the next up, which then converges', async () => {
    crashAfter = 6;
    const crashed = await faas('up', '--yes');
    expect(crashed.code).toBe(1);
    expect(printed(crashed).join('\n')).toContain('simulated crash');

    crashAfter = undefined;
    const finished = await faas('up', '--yes');
    expect(finished.code).toBe(0);
    // Some resources were made by the first run: the second creates only the rest.
    expect(printed(finished).join('\n')).toMatch(/unchanged/);
    expect(printed(finished).join('\n')).toMatch(/Done: \d+ created/);

    const converged = await faas('up', '--yes');
    expect(converged.code).toBe(0);
    expect(counters.at(-1)!.mutations).toBe(0);
    expect(printed(converged)).toContain('Nothing to change: everything is up to date.');
  });
});
