// `faas up`: plan the pipeline against what exists and apply the difference. A second run with
// nothing changed reads only; --dry-run prints the plan and changes nothing.
import { Command } from 'commander';
import { type DatabaseChoice, resolveDatabase } from '../cli/database.js';
import type { CommandDeps, GlobalOptions } from '../cli/deps.js';
import { renderPlan } from '../cli/render.js';
import { describeTarget, desiredState, openSession } from '../cli/session.js';
import { resolveIngestToken, secretsPath, storeFlowToken } from '../config/secrets.js';
import { migrate, withDatabase } from '../db/index.js';
import { usageError } from '../errors.js';
import { type Output, startProgress } from '../output.js';
import { INGEST } from '../pipeline/flows/ingest.js';
import { applyPlan } from '../provision/applier.js';
import { collectArtifacts } from '../provision/artifacts.js';
import { planUp } from '../provision/planner.js';
import { countActions, hasChanges } from '../provision/types.js';

export interface UpOptions extends GlobalOptions {
  dryRun?: boolean;
  yes?: boolean;
}

export function makeUpCommand(deps: CommandDeps, exit: (code: number) => void): Command {
  return new Command('up')
    .description('create or update the pipeline so it matches the configuration')
    .option('--dry-run', 'print the plan and change nothing')
    .option('-y, --yes', 'apply changes to existing resources without asking')
    .action(async (_options: UpOptions, command: Command) => {
      exit(await runUp(command.optsWithGlobals<UpOptions>(), deps));
    });
}

export async function runUp(options: UpOptions, deps: CommandDeps): Promise<number> {
  const { output } = deps;
  const session = await openSession(options, deps);
  const { config, counter, ctx } = session;
  // With no token anywhere one is generated in memory; it is stored only when the plan is applied.
  const token = await resolveIngestToken(config, true);
  const database = await resolveDatabase(config, { waitForLocal: true });
  const state = desiredState(session, token.token!, database.url);

  const progress = startProgress(output, 'Building functions');
  let plan: Awaited<ReturnType<typeof planUp>>;
  try {
    ctx.artifacts = await collectArtifacts(state, deps.artifacts);
    progress.update('Reading what exists');
    plan = await counter.readOnlyDuring(() => planUp(state, ctx));
  } finally {
    progress.stop();
  }

  output.out(`Plan for ${config.project}: ${describeTarget(session)}`);
  renderPlan(plan, output);
  if (database.note) output.out(`Note: ${database.note}.`);
  if (!hasChanges(plan) && (options.dryRun || database.url === undefined)) {
    output.out('Nothing to change: everything is up to date.');
    return 0;
  }
  if (options.dryRun) {
    output.out('Dry run: nothing was changed.');
    return 0;
  }

  // Creating a fresh pipeline is what `up` plainly means; changing resources that may be
  // serving traffic is confirmed first (or with --yes).
  const updates = countActions(plan).update;
  if (updates > 0 && !options.yes) {
    if (!output.isTTY) {
      throw usageError(
        `faas up would change ${updates} existing resource${updates === 1 ? '' : 's'} and needs confirmation`,
        'Review the plan above, then run again with --yes (or run `faas up --dry-run` to only look).',
      );
    }
    if (!(await deps.confirm(`Apply ${updates} change${updates === 1 ? '' : 's'} to existing resources?`))) {
      output.err('Aborted: nothing was changed.');
      return 1;
    }
  }

  // The schema first: events are routed to db only once its table exists, and a wrong password
  // or an unreachable server stops `up` here, before anything is created.
  if (database.url !== undefined) await migrateDatabase(database, output);
  if (!hasChanges(plan)) {
    output.out('Nothing to change: everything is up to date.');
    return 0;
  }

  if (token.source === 'generated') {
    // Stored before deploying it, so a crash mid-way cannot leave a token nobody knows.
    await storeFlowToken(config.dir, config.project, INGEST, token.token!);
    output.out(
      `Generated an ingest token into ${secretsPath(config.dir)} (faas status --show-secrets shows it).`,
    );
  }

  const before = counter.mutations;
  const apply = startProgress(output, 'Applying');
  let result: Awaited<ReturnType<typeof applyPlan>>;
  try {
    ctx.note = (message) => apply.line(`  … ${message}`);
    result = await applyPlan(plan, ctx, {
      onStart: (item) =>
        apply.update(`${item.action === 'create' ? 'Creating' : 'Updating'} ${item.resource}`),
      onDone: (item) => apply.line(`  ${item.action === 'create' ? 'created' : 'updated'} ${item.resource}`),
    });
  } finally {
    apply.stop();
  }

  const created = result.applied.filter((i) => i.action === 'create').length;
  const updated = result.applied.filter((i) => i.action === 'update').length;
  const unchanged = plan.items.length - created - updated;
  output.out(
    `Done: ${created} created, ${updated} updated, ${unchanged} unchanged ` +
      `(${counter.mutations - before} mutating AWS calls).`,
  );
  const api = plan.items.find((i) => i.kind === 'httpApi');
  const url = api && result.outputs.get(api.key)?.url;
  if (url && plan.items.some((i) => i.kind === 'queue')) {
    output.out(`Webhook endpoint: POST ${url}/webhook (headers "x-webhook-group", "x-webhook-id")`);
  }
  if (url) output.out(`Ingest endpoint: POST ${url}/events (header "token")`);
  return 0;
}

async function migrateDatabase(database: DatabaseChoice & { url: string }, output: Output): Promise<void> {
  const progress = startProgress(output, 'Migrating the database schema');
  try {
    const { redacted, result } = await withDatabase(database.url, async (db) => ({
      redacted: db.redactedUrl,
      result: await migrate(db.client),
    }));
    const applied = result.applied.map((m) => `${m.version} (${m.name})`).join(', ');
    progress.line(
      `Database ${redacted}: schema version ${result.version}` +
        (applied ? `, applied ${applied}.` : ', up to date.'),
    );
  } finally {
    progress.stop();
  }
}
