// `faas down`: delete the pipeline's resources, dependents first. A bucket holding objects is
// kept unless --force, so stored events are never lost by accident.
import { Command } from 'commander';
import type { CommandDeps, GlobalOptions } from '../cli/deps.js';
import { renderPlan } from '../cli/render.js';
import { describeTarget, desiredState, openSession } from '../cli/session.js';
import { usageError } from '../errors.js';
import { startProgress } from '../output.js';
import { applyTeardown } from '../provision/applier.js';
import { planDown } from '../provision/planner.js';
import { countActions } from '../provision/types.js';

export interface DownOptions extends GlobalOptions {
  yes?: boolean;
  force?: boolean;
}

export function makeDownCommand(deps: CommandDeps, exit: (code: number) => void): Command {
  return new Command('down')
    .description("delete the pipeline's resources")
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--force', 'also delete a bucket that still holds objects, with its objects')
    .action(async (_options: DownOptions, command: Command) => {
      exit(await runDown(command.optsWithGlobals<DownOptions>(), deps));
    });
}

export async function runDown(options: DownOptions, deps: CommandDeps): Promise<number> {
  const { output } = deps;
  const session = await openSession(options, deps);
  const { config, counter, ctx } = session;
  const force = options.force ?? false;
  // Teardown finds resources by name; the secrets only feed values it never compares. The db
  // path and every optional flow are always included: they may have been deployed with a
  // configuration that has changed since.
  const state = desiredState(session, '', '', true);
  const plan = await counter.readOnlyDuring(() => planDown(state, ctx, { force }));

  output.out(`Teardown of ${config.project}: ${describeTarget(session)}`);
  renderPlan(plan, output, { hideAbsent: true });
  const deletes = countActions(plan).delete;
  if (deletes === 0) {
    output.out('Nothing to delete.');
    return 0;
  }
  if (!options.yes) {
    if (!output.isTTY) {
      throw usageError(
        `faas down would delete ${deletes} resources and needs confirmation`,
        'Run again with --yes.',
      );
    }
    if (!(await deps.confirm(`Delete ${deletes} resources of ${config.project}?`))) {
      output.err('Aborted: nothing was deleted.');
      return 1;
    }
  }

  const progress = startProgress(output, 'Deleting');
  let deleted: Awaited<ReturnType<typeof applyTeardown>>;
  try {
    deleted = await applyTeardown(plan, ctx, {
      force,
      onStart: (item) => progress.update(`Deleting ${item.resource}`),
      onDone: (item) => progress.line(`  deleted ${item.resource}`),
    });
  } finally {
    progress.stop();
  }
  const kept = plan.items.filter((i) => i.action === 'unchanged' && i.reason !== 'does not exist');
  output.out(`Done: ${deleted.length} deleted${kept.length > 0 ? `, ${kept.length} kept` : ''}.`);
  for (const item of kept) output.out(`Kept ${item.resource}: ${item.reason}`);
  return 0;
}
