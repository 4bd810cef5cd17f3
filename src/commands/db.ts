// `faas db migrate` and `faas db query "<sql>"`: the pipeline's PostgreSQL (the one `up` points
// the db function at) from the command line. Queries run read-only unless --write is given.
import { Command } from 'commander';
import { resolveDatabase } from '../cli/database.js';
import type { CommandDeps, GlobalOptions } from '../cli/deps.js';
import { table } from '../cli/render.js';
import { loadCommandConfig } from '../cli/session.js';
import type { FaasConfig } from '../config/load.js';
import { migrate, type QueryOutput, queryReadOnly, queryWrite, URL_HINT, withDatabase } from '../db/index.js';
import { FaasError } from '../errors.js';

export interface DbQueryOptions extends GlobalOptions {
  write?: boolean;
  json?: boolean;
}

export function makeDbCommand(deps: CommandDeps, exit: (code: number) => void): Command {
  const db = new Command('db').description("the pipeline's PostgreSQL: apply the schema, run a query");
  db.command('migrate')
    .description('apply the events schema (faas up does this too)')
    .action(async (_options: GlobalOptions, command: Command) => {
      exit(await runDbMigrate(command.optsWithGlobals<GlobalOptions>(), deps));
    });
  db.command('query')
    .description('run one SQL statement and print the result as a table (read-only unless --write)')
    .argument('<sql>', 'the statement, e.g. "select count(*) from events"')
    .option('--write', 'allow a statement that changes data (committed)')
    .option('--json', 'print the rows as JSON')
    .action(async (sql: string, _options: DbQueryOptions, command: Command) => {
      exit(await runDbQuery(sql, command.optsWithGlobals<DbQueryOptions>(), deps));
    });
  return db;
}

export async function runDbMigrate(options: GlobalOptions, deps: CommandDeps): Promise<number> {
  const url = await databaseUrl(await loadCommandConfig(options, deps));
  const { redacted, result } = await withDatabase(url, async (db) => ({
    redacted: db.redactedUrl,
    result: await migrate(db.client),
  }));
  const applied = result.applied.map((m) => `${m.version} (${m.name})`).join(', ');
  deps.output.out(
    `Database ${redacted}: schema version ${result.version}` +
      (applied ? `, applied ${applied}.` : ', already up to date.'),
  );
  if (result.unknown.length > 0) {
    deps.output.err(
      `The database has migrations this faas does not know (${result.unknown.join(', ')}): a newer faas applied them.`,
    );
  }
  return 0;
}

export async function runDbQuery(sql: string, options: DbQueryOptions, deps: CommandDeps): Promise<number> {
  const url = await databaseUrl(await loadCommandConfig(options, deps));
  const result = await withDatabase(url, (db) =>
    options.write ? queryWrite(db.client, sql) : queryReadOnly(db.client, sql),
  );
  if (options.json) {
    deps.output.out(JSON.stringify(result.rows, null, 2));
    return 0;
  }
  for (const line of renderQuery(result)) deps.output.out(line);
  return 0;
}

/** A table of the rows, then `(N rows)`; a command without rows prints its tag and count. */
export function renderQuery(result: QueryOutput): string[] {
  if (result.fields.length === 0) {
    return [`${result.command}${result.rowCount === null ? '' : ` ${result.rowCount}`}`];
  }
  const header = result.fields.map((f) => f.name);
  const rows = result.rows.map((row) => result.fields.map((f) => cell(row[f.name])));
  const n = result.rows.length;
  return [...table([header, ...rows]), `(${n} row${n === 1 ? '' : 's'})`];
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

async function databaseUrl(config: FaasConfig): Promise<string> {
  const choice = await resolveDatabase(config, { waitForLocal: true });
  if (choice.url === undefined) {
    throw new FaasError('NoDatabase', `No database for ${config.project}: ${choice.note}.`, {
      hint: URL_HINT,
    });
  }
  return choice.url;
}
