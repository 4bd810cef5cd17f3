// `faas rollback`: move `live` back — end a canary in flight, or return to the version the last
// release replaced (recorded in the alias), or to an explicit --to version of one function.
import { Command } from 'commander';
import type { CommandDeps, GlobalOptions } from '../cli/deps.js';
import { pipelineFunctions, selectFunctions } from '../cli/lookup.js';
import { table } from '../cli/render.js';
import { describeTarget, openSession } from '../cli/session.js';
import { FaasError, usageError } from '../errors.js';
import { type RollbackResult, rollback } from '../release/rollback.js';

export interface RollbackOptions extends GlobalOptions {
  functions?: string[];
  to?: string;
  json?: boolean;
}

/** The errors that mean "this function has nothing to roll back", as opposed to a failure. */
const NOTHING_TO_ROLL_BACK = new Set(['NoPreviousVersion', 'NotReleased']);

export function makeRollbackCommand(deps: CommandDeps, exit: (code: number) => void): Command {
  return new Command('rollback')
    .summary("move 'live' back to the previous version")
    .description(
      "move 'live' back: end a canary, or return to the version the last release replaced " +
        '(functions with nothing to roll back are skipped when none is named)',
    )
    .argument('[function...]', 'short names of the functions to roll back, e.g. api (default: all)')
    .option('--to <version>', 'move live to this published version (needs exactly one function)')
    .option('--json', 'print a JSON report')
    .action(async (functions: string[], _options: RollbackOptions, command: Command) => {
      exit(await runRollback({ ...command.optsWithGlobals<RollbackOptions>(), functions }, deps));
    });
}

export async function runRollback(options: RollbackOptions, deps: CommandDeps): Promise<number> {
  const { output } = deps;
  const named = options.functions ?? [];
  // Versions are numbered per function, so one --to version cannot apply to several.
  if (options.to !== undefined && named.length !== 1) {
    throw usageError(
      '--to needs exactly one function: versions are numbered per function',
      'e.g. faas rollback api --to 3',
    );
  }
  const session = await openSession(options, deps);
  const { config, clients } = session;
  const selected = selectFunctions(await pipelineFunctions(session), named);

  const done: Array<{ function: string; result: RollbackResult }> = [];
  const skipped: Array<{ function: string; error: FaasError }> = [];
  for (const fn of selected) {
    try {
      done.push({
        function: fn.source.function,
        result: await rollback(clients.lambda, fn.name, options.to),
      });
    } catch (error) {
      // A function the user named must roll back; in "all" mode, one never released or already
      // rolled back is just reported, so the others still can be.
      if (named.length > 0 || !(error instanceof FaasError) || !NOTHING_TO_ROLL_BACK.has(error.code)) {
        // Rollbacks already made stand; say which before the error is reported.
        const moved = done.filter((d) => d.result.changed);
        if (moved.length > 0) {
          const list = moved.map((d) => `${d.function} ${d.result.fromVersion} → ${d.result.toVersion}`);
          output.err(`Rolled back before the failure: ${list.join(', ')}`);
        }
        throw error;
      }
      skipped.push({ function: fn.source.function, error });
    }
  }
  // Nothing anywhere to roll back: that is the error to show, with its hint.
  if (done.length === 0 && skipped.length > 0) throw skipped[0]!.error;

  if (options.json) {
    output.out(
      JSON.stringify(
        {
          project: config.project,
          functions: done.map(({ function: name, result }) => ({ function: name, ...result })),
          skipped: skipped.map(({ function: name, error }) => ({ function: name, reason: error.message })),
        },
        null,
        2,
      ),
    );
    return 0;
  }
  output.out(`Rollback of ${config.project}: ${describeTarget(session)}`);
  const rows = [
    ...done.map(({ function: name, result }) => [
      name,
      `${result.fromVersion} → ${result.toVersion}`,
      outcome(result),
    ]),
    ...skipped.map(({ function: name, error }) => [name, '', `skipped: ${error.message}`]),
  ];
  for (const line of table([['FUNCTION', 'LIVE', 'RESULT'], ...rows])) output.out(line);
  const moved = done.filter((d) => d.result.changed).length;
  output.out(`Done: ${moved} rolled back${skipped.length > 0 ? `, ${skipped.length} skipped` : ''}.`);
  return 0;
}

function outcome(r: RollbackResult): string {
  if (!r.changed) return `already on version ${r.toVersion}`;
  if (r.canaryAborted) return `canary ended: all traffic on version ${r.toVersion}`;
  return 'rolled back';
}
