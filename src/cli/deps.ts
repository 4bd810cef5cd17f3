// What every command receives: output, environment, clock, the SDK client factory, the release
// builder, the confirmation prompt and Ctrl-C. cli.ts passes the real ones; tests pass fakes.
import { createInterface } from 'node:readline/promises';
import { type ClientFactory, createAwsClients } from '../aws/clients.js';
import { type Output, processOutput } from '../output.js';
import type { ArtifactSource } from '../provision/artifacts.js';
import { type Clock, systemClock } from '../provision/clock.js';

/** Options every command accepts (declared once on the program in cli.ts). */
export interface GlobalOptions {
  config?: string;
  project?: string;
  target?: string;
  region?: string;
  profile?: string;
  endpoint?: string;
  debug?: boolean;
}

export interface CommandDeps {
  output: Output;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  createClients: ClientFactory;
  /** SEAM(release): how function code is built; src/release in production, fixed bytes in tests. */
  artifacts: ArtifactSource;
  /** Asks a yes/no question on the terminal; only called when output.isTTY. */
  confirm(question: string): Promise<boolean>;
  /** Calls `listener` on the next Ctrl-C (SIGINT) until the returned function unsubscribes it. */
  onInterrupt(listener: () => void): () => void;
  /** Tuning for tests: Lambda waiter bound and role-propagation backoff. */
  provision?: { waitSeconds?: number; roleRetry?: { attempts: number; baseMs: number; maxMs: number } };
}

export function defaultDeps(): CommandDeps {
  return {
    output: processOutput(),
    cwd: process.cwd(),
    env: process.env,
    clock: systemClock,
    createClients: createAwsClients,
    // The release module bundles src/handlers/<name>.ts; the function's short name is that <name>.
    // Imported on use so commands that build nothing do not load esbuild.
    artifacts: {
      build: async (request) => (await import('../release/index.js')).buildFunctionArtifact(request.function),
    },
    confirm: async (question) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
      } finally {
        rl.close();
      }
    },
    // Once: a second Ctrl-C finds no listener and ends the process the default way.
    onInterrupt: (listener) => {
      process.once('SIGINT', listener);
      return () => process.off('SIGINT', listener);
    },
  };
}
