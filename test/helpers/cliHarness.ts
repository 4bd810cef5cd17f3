// The in-process `faas` of the integration tests: main() with captured output, the real SDK clients
// (their CallCounters recorded) and the real function builds, memoized per function for the file.
import { type AwsClients, createAwsClients } from '../../src/aws/clients.js';
import { CallCounter } from '../../src/aws/counter.js';
import type { CommandDeps } from '../../src/cli/deps.js';
import { main } from '../../src/cli.js';
import type { Artifact, ArtifactRequest } from '../../src/provision/artifacts.js';
import { systemClock } from '../../src/provision/clock.js';
import { buildFunctionArtifact } from '../../src/release/index.js';

const built = new Map<string, Promise<Artifact>>();

/** The real build (esbuild bundle → deterministic zip) of the requested function, once per function. */
export function builtArtifact(request: ArtifactRequest): Promise<Artifact> {
  if (!built.has(request.function)) built.set(request.function, buildFunctionArtifact(request.function));
  return built.get(request.function)!;
}

/** What one run printed, and its exit code. */
export interface CliRun {
  code: number;
  out: string[];
  err: string[];
}

export interface InProcessCli {
  /** Runs `faas <args>` and returns the exit code with what this run printed. */
  faas(...args: string[]): Promise<CliRun>;
  /** The same, with some deps replaced for this run only (over `overrides`), e.g. `{ env }`. */
  faasWith(run: Partial<CommandDeps>, ...args: string[]): Promise<CliRun>;
  /** The counter of every client set a run made, in order: `counters.at(-1)` is the last run's. */
  counters: CallCounter[];
}

/**
 * `cwd` is read at each run (a directory made in beforeAll), unless the run passes its own. The
 * defaults: env `{}`, the system clock, builtArtifact, confirm answers no, Ctrl-C never comes, short
 * provision waits. `overrides` replaces any of them; an overriding `createClients` still has its
 * counter recorded.
 */
export function inProcessCli(
  options: { cwd?: () => string; overrides?: Partial<CommandDeps> } = {},
): InProcessCli {
  const counters: CallCounter[] = [];
  const faasWith = async (run: Partial<CommandDeps>, ...args: string[]): Promise<CliRun> => {
    // Each run its own lines: runs may overlap (a send left running while others go on).
    const out: string[] = [];
    const err: string[] = [];
    const { createClients = createAwsClients, ...rest } = { ...options.overrides, ...run };
    const cwd = rest.cwd ?? options.cwd?.();
    if (cwd === undefined) throw new Error('inProcessCli: no cwd (pass options.cwd, or cwd for the run)');
    const deps: CommandDeps = {
      output: { out: (l) => out.push(l), err: (l) => err.push(l), isTTY: false },
      env: {},
      clock: systemClock,
      artifacts: { build: builtArtifact },
      confirm: async () => false,
      onInterrupt: () => () => {},
      provision: { waitSeconds: 60, roleRetry: { attempts: 3, baseMs: 100, maxMs: 500 } },
      ...rest,
      cwd,
      createClients: (settings, counter) => {
        counters.push(counter);
        return createClients(settings, counter);
      },
    };
    const code = await main(['node', 'faas', ...args], deps);
    return { code, out, err };
  };
  return { faas: (...args) => faasWith({}, ...args), faasWith, counters };
}

/** The SDK clients a test uses to look at what `faas` made, on the local cloud at `endpoint`. */
export const localClients = (endpoint: string): AwsClients =>
  createAwsClients({ target: 'local', region: 'us-east-1', profile: undefined, endpoint }, new CallCounter());
