// The CLI in-process, for what cannot be seen from outside it: read and mutating call counts,
// UpdateFunctionCode calls, and the time with an AWS call in flight.

import { dist } from '../lib/setup.mjs';
import { unionMs } from '../lib/stats.mjs';
import { cliEnv } from './config.mjs';

export async function loadInProcess() {
  const [{ main }, { defaultDeps }, { createAwsClients }] = await Promise.all([
    dist('cli.js'),
    dist('cli/deps.js'),
    dist('aws/clients.js'),
  ]);
  /** main(argv, deps) with captured output and the CallCounter of the command's session. */
  return async function runInProcess(args, cwd, overrides = {}) {
    const counters = [];
    const lines = [];
    const callSpans = [];
    const deps = {
      ...defaultDeps(),
      cwd,
      env: cliEnv,
      output: { out: (l) => lines.push(l), err: (l) => lines.push(l), isTTY: false },
      createClients: (settings, counter) => {
        counters.push(counter);
        const clients = createAwsClients(settings, counter);
        // When at least one AWS call was in flight (waiters sleep between calls, so not in here).
        for (const client of Object.values(clients)) {
          client.middlewareStack.add(
            (next) => async (args) => {
              const t0 = performance.now();
              try {
                return await next(args);
              } finally {
                callSpans.push([t0, performance.now()]);
              }
            },
            { step: 'initialize', name: 'benchCallTimer', override: true },
          );
        }
        return clients;
      },
      ...overrides,
    };
    const started = performance.now();
    const code = await main(['node', 'faas', ...args], deps);
    const ms = performance.now() - started;
    if (code !== 0)
      throw new Error(`in-process faas ${args.join(' ')} exited with ${code}:\n${lines.join('\n')}`);
    const calls = counters.flatMap((c) => c.calls);
    return {
      ms,
      callMs: unionMs(callSpans),
      lines,
      reads: calls.filter((c) => c.kind === 'read').length,
      mutations: calls.filter((c) => c.kind === 'mutating').length,
      count: (command) => calls.filter((c) => c.command === command).length,
    };
  };
}
