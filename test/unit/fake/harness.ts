// Test harness: CommandDeps over a FakeAws, a temp project directory with .faasrc.json, a fake
// clock that records sleeps, captured output lines and fixed function code.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { instrumentClients } from '../../../src/aws/clients.js';
import type { CallCounter } from '../../../src/aws/counter.js';
import type { CommandDeps } from '../../../src/cli/deps.js';
import { sha256Base64 } from '../../../src/provision/artifacts.js';
import type { Clock } from '../../../src/provision/clock.js';
import { FakeAws } from './index.js';

export interface Harness {
  fake: FakeAws;
  deps: CommandDeps;
  dir: string;
  out: string[];
  err: string[];
  sleeps: number[];
  /** One per command run, in order: the counter the session instrumented its clients with. */
  counters: CallCounter[];
  /** Bump to change the bytes of a function's code. */
  codeVersion: Record<string, number>;
  /** Runs inside every clock.sleep (after time has advanced): lets a test act between polls. */
  onSleep: ((ms: number) => void) | undefined;
  /** Simulates Ctrl-C: calls (and unsubscribes) every onInterrupt listener. */
  interrupt(): void;
  writeConfig(config: Record<string, unknown>): void;
  lastCounter(): CallCounter;
  cleanup(): void;
}

export const BASE_CONFIG = { project: 'demo', target: 'aws', region: 'eu-west-1' };

export function harness(
  options: { isTTY?: boolean; confirm?: boolean; env?: Record<string, string> } = {},
): Harness {
  const fake = new FakeAws();
  const dir = mkdtempSync(join(tmpdir(), 'faas-unit-'));
  const out: string[] = [];
  const err: string[] = [];
  const sleeps: number[] = [];
  const counters: CallCounter[] = [];
  const codeVersion: Record<string, number> = {};
  const interrupts = new Set<() => void>();
  let now = 1_000_000;
  const clock: Clock = {
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
      h.onSleep?.(ms);
    },
  };
  const deps: CommandDeps = {
    output: { out: (l) => out.push(l), err: (l) => err.push(l), isTTY: options.isTTY ?? false },
    cwd: dir,
    env: options.env ?? {},
    clock,
    createClients: (_settings, counter) => {
      const clients = fake.clients();
      instrumentClients(clients, counter);
      counters.push(counter);
      return clients;
    },
    artifacts: {
      build: async (request) => {
        const zip = new TextEncoder().encode(`${request.function} v${codeVersion[request.function] ?? 1}`);
        return { zip, sha256: sha256Base64(zip) };
      },
    },
    confirm: async () => options.confirm ?? false,
    onInterrupt: (listener) => {
      interrupts.add(listener);
      return () => interrupts.delete(listener);
    },
    provision: { waitSeconds: 5, roleRetry: { attempts: 3, baseMs: 1_000, maxMs: 10_000 } },
  };
  const h: Harness = {
    fake,
    deps,
    dir,
    out,
    err,
    sleeps,
    counters,
    codeVersion,
    onSleep: undefined,
    interrupt: () => {
      for (const listener of [...interrupts]) {
        interrupts.delete(listener);
        listener();
      }
    },
    writeConfig: (config) => writeFileSync(join(dir, '.faasrc.json'), JSON.stringify(config)),
    lastCounter: () => counters.at(-1)!,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  h.writeConfig(BASE_CONFIG);
  return h;
}
