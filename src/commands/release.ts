// `faas release`: build each function, publish a version only where the code differs from what
// `live` serves, and move `live` to it (or give it a canary share of live's traffic).
import { Command } from 'commander';
import type { CommandDeps, GlobalOptions } from '../cli/deps.js';
import { pipelineFunctions, selectFunctions } from '../cli/lookup.js';
import { parseCanary } from '../cli/parse.js';
import { formatBytes, table } from '../cli/render.js';
import { describeTarget, openSession } from '../cli/session.js';
import { startProgress } from '../output.js';
import type { FunctionSpec } from '../pipeline/types.js';
import type { Artifact } from '../provision/artifacts.js';
import { type PublishResult, publishRelease } from '../release/publish.js';

export interface ReleaseOptions extends GlobalOptions {
  /** Short names (`api`, `store`); all of the pipeline's functions when empty. */
  functions?: string[];
  canary?: string;
  json?: boolean;
}

export interface ReleaseReport {
  project: string;
  functions: Array<{
    function: string;
    functionName: string;
    oldVersion: string | null;
    newVersion: string;
    zipSize: number;
    changed: boolean;
    canaryPercent: number | null;
  }>;
}

export function makeReleaseCommand(deps: CommandDeps, exit: (code: number) => void): Command {
  return new Command('release')
    .summary("publish changed functions behind 'live' (or as a canary)")
    .description(
      "build the functions and publish a new version of each one whose code changed, moving 'live' to it",
    )
    .argument('[function...]', 'short names of the functions to release, e.g. api (default: all)')
    .option('--canary <percent>', "send only this share (1-99) of live's traffic to the new version")
    .option('--json', 'print a JSON report')
    .action(async (functions: string[], _options: ReleaseOptions, command: Command) => {
      exit(await runRelease({ ...command.optsWithGlobals<ReleaseOptions>(), functions }, deps));
    });
}

export async function runRelease(options: ReleaseOptions, deps: CommandDeps): Promise<number> {
  const { output } = deps;
  // Bad input is refused before anything is built or called.
  const canaryPercent = parseCanary(options.canary);
  const session = await openSession(options, deps);
  const { config, clients, counter } = session;
  const selected = selectFunctions(await pipelineFunctions(session), options.functions ?? []);

  const progress = startProgress(output, 'Building functions');
  const results: PublishResult[] = [];
  try {
    const artifacts = await Promise.all(selected.map((fn) => build(fn, deps)));
    progress.update(`Releasing ${selected.map((fn) => fn.name).join(', ')}`);
    // Functions are independent: release them side by side (most of a release is waiting).
    const settled = await Promise.allSettled(
      selected.map((fn, i) =>
        publishRelease(clients.lambda, {
          functionName: fn.name,
          zip: artifacts[i]!.zip,
          sha256: artifacts[i]!.sha256,
          canaryPercent,
          maxWaitSeconds: deps.provision?.waitSeconds ?? 300,
        }),
      ),
    );
    for (const s of settled) if (s.status === 'fulfilled') results.push(s.value);
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure) {
      // Releases already made stand; say which before the error is reported.
      const moved = results
        .filter((r) => r.changed)
        .map((r) => `${r.functionName} ${r.oldVersion ?? '-'} → ${r.newVersion}`);
      if (moved.length > 0) output.err(`Released before the failure: ${moved.join(', ')}`);
      throw failure.reason;
    }
  } finally {
    progress.stop();
  }

  const report: ReleaseReport = {
    project: config.project,
    functions: results.map((r, i) => ({
      function: selected[i]!.source.function,
      functionName: r.functionName,
      oldVersion: r.oldVersion ?? null,
      newVersion: r.newVersion,
      zipSize: r.zipSize,
      changed: r.changed,
      canaryPercent: r.canaryPercent ?? null,
    })),
  };
  if (options.json) {
    output.out(JSON.stringify(report, null, 2));
    return 0;
  }
  output.out(`Release of ${config.project}: ${describeTarget(session)}`);
  const rows = report.functions.map((f) => [
    f.function,
    `${f.oldVersion ?? '-'} → ${f.newVersion}`,
    formatBytes(f.zipSize),
    outcome(f),
  ]);
  for (const line of table([['FUNCTION', 'VERSION', 'ZIP', 'RESULT'], ...rows])) output.out(line);
  const published = report.functions.filter((f) => f.changed).length;
  output.out(
    `Done: ${published} changed, ${report.functions.length - published} unchanged ` +
      `(${counter.mutations} mutating AWS calls).`,
  );
  return 0;
}

function build(fn: FunctionSpec, deps: CommandDeps): Promise<Artifact> {
  return deps.artifacts.build({
    functionName: fn.name,
    flow: fn.source.flow,
    function: fn.source.function,
    handler: fn.handler,
    runtime: fn.runtime,
    architecture: fn.architecture,
  });
}

function outcome(f: ReleaseReport['functions'][number]): string {
  if (!f.changed) return f.canaryPercent === null ? 'unchanged' : `unchanged (canary ${f.canaryPercent}%)`;
  if (f.canaryPercent !== null) return `canary ${f.canaryPercent}% of live`;
  // publishRelease reports this when the code equals the stable version and a canary was dropped.
  if (f.oldVersion === f.newVersion) return 'canary removed';
  return f.oldVersion === null ? 'published (first release)' : 'published';
}
