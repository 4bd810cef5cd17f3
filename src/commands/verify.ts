// `faas verify`: check that sent events reached S3 as `events/<id>.json` and, with a database, the
// `events` table — the last send's (with their bodies) or ids given by hand (existence and id
// only) — waiting up to a timeout for stragglers. Each place is reported on its own.
import { NoSuchBucket } from '@aws-sdk/client-s3';
import { Command } from 'commander';
import { awsFailure } from '../aws/errors.js';
import { resolveDatabase } from '../cli/database.js';
import type { CommandDeps, GlobalOptions } from '../cli/deps.js';
import { ingestBucket, notDeployed, stateDir } from '../cli/lookup.js';
import { parseDuration } from '../cli/parse.js';
import { table } from '../cli/render.js';
import { openSession, type Session } from '../cli/session.js';
import { redactUrl, withDatabase } from '../db/index.js';
import { FaasError, usageError } from '../errors.js';
import { startProgress } from '../output.js';
import { readLastSend } from '../traffic/lastSend.js';
import {
  type ExpectedEvent,
  type VerifyEntry,
  verifyDatabaseEvents,
  verifyEvents,
} from '../traffic/verify.js';
import type { SentWebhook } from '../traffic/webhookSend.js';
import { verifyWebhooks } from '../traffic/webhookVerify.js';

export interface VerifyOptions extends GlobalOptions {
  ids?: string[];
  last?: boolean;
  timeout?: string;
  verbose?: boolean;
  json?: boolean;
}

const DEFAULT_TIMEOUT = '30s';
/** How much of a differing object the table shows. */
const ACTUAL_WIDTH = 100;

export function makeVerifyCommand(deps: CommandDeps, exit: (code: number) => void): Command {
  return new Command('verify')
    .summary('check that sent events reached S3')
    .description(
      'check that sent events reached S3 (events/<id>.json). With --last (the default) each object ' +
        'must equal what was sent plus its id; for ids given here the body is unknown, so only that ' +
        'the object exists and holds that id is checked',
    )
    .argument('[ids...]', 'event ids to check')
    .option('--last', 'check the events of the last `faas send` (the default without ids)')
    .option(
      '--timeout <duration>',
      'how long to wait for missing events, e.g. 500ms, 30s, 2m',
      DEFAULT_TIMEOUT,
    )
    .option('--verbose', 'list every event with its state')
    .option('--json', 'print a JSON report')
    .action(async (ids: string[], _options: VerifyOptions, command: Command) => {
      exit(await runVerify({ ...command.optsWithGlobals<VerifyOptions>(), ids }, deps));
    });
}

export async function runVerify(options: VerifyOptions, deps: CommandDeps): Promise<number> {
  const { output, clock } = deps;
  const ids = options.ids ?? [];
  if (ids.length > 0 && options.last) throw usageError('give either event ids or --last, not both');
  const timeoutMs = parseDuration(options.timeout ?? DEFAULT_TIMEOUT, '--timeout');
  const session = await openSession(options, deps);
  const { config, clients } = session;

  let records: ExpectedEvent[];
  if (ids.length > 0) {
    records = [...new Set(ids)].map((id) => ({ id }));
  } else {
    const last = await readLastSend(stateDir(config));
    // Another project's events live in another bucket: checking here would report them all missing.
    if (last.project !== config.project) {
      throw new FaasError(
        'LastSendOtherProject',
        `The last send was to project ${last.project}, not ${config.project}`,
        { hint: `Pass --project ${last.project}, or run \`faas send\` for ${config.project} first.` },
      );
    }
    if (last.kind === 'webhook')
      return verifyLastWebhooks(last.webhooks ?? [], session, options, deps, timeoutMs);
    records = last.records;
  }

  const bucket = ingestBucket(session);
  const database = await resolveDatabase(config);
  const progress = options.json
    ? undefined
    : startProgress(
        output,
        `Checking ${records.length} events in s3://${bucket}/events/${database.url ? ' and PostgreSQL' : ''}`,
      );
  const timing = { timeoutMs, sleep: (ms: number) => clock.sleep(ms), now: () => clock.now() };
  let results: VerifyEntry[];
  let inDatabase: DatabaseCheck | undefined;
  try {
    // Side by side: each place waits out the same timeout for its own stragglers.
    [results, inDatabase] = await Promise.all([
      verifyEvents({ s3: clients.s3, bucket, records, ...timing }).catch((cause: unknown) => {
        if (cause instanceof NoSuchBucket) throw notDeployed(config.project, `there is no bucket ${bucket}`);
        throw awsFailure(`S3 GetObject in ${bucket}`, cause);
      }),
      database.url === undefined ? undefined : checkDatabase(database.url, records, timing),
    ]);
  } finally {
    progress?.stop();
  }

  const counts = countStates(results);
  const dbCounts = inDatabase?.results ? countStates(inDatabase.results) : undefined;
  const ok =
    counts.missing === 0 &&
    counts.different === 0 &&
    (inDatabase === undefined ||
      (dbCounts !== undefined && dbCounts.missing === 0 && dbCounts.different === 0));
  if (options.json) {
    const db =
      inDatabase === undefined
        ? null
        : {
            url: inDatabase.url,
            ...(inDatabase.error ? { error: inDatabase.error } : {}),
            ...dbCounts,
            events: inDatabase.results ?? [],
          };
    output.out(
      JSON.stringify(
        { bucket, timeoutMs, bodiesCompared: ids.length === 0, ...counts, events: results, database: db },
        null,
        2,
      ),
    );
    return ok ? 0 : 1;
  }
  if (options.verbose) {
    const rows = results.map((r) => [r.id, r.state, r.state === 'different' ? shorten(r.actual) : '']);
    for (const line of table([['ID', 'STATE', 'STORED'], ...rows])) output.out(line);
  }
  const events = `${records.length} event${records.length === 1 ? '' : 's'}`;
  const idsOnly = ids.length > 0 ? ' (ids only: existence and id checked, not the body).' : '.';
  output.out(
    `${events} in s3://${bucket}/events/: ` +
      `${counts.found} found, ${counts.missing} missing, ${counts.different} different${idsOnly}`,
  );
  if (inDatabase) {
    if (options.verbose && inDatabase.results) {
      const rows = inDatabase.results
        .filter((r) => r.state !== 'found')
        .map((r) => [r.id, r.state, r.state === 'different' ? shorten(r.actual) : '']);
      if (rows.length > 0) for (const line of table([['ID', 'POSTGRESQL', 'ROW'], ...rows])) output.out(line);
    }
    output.out(
      dbCounts
        ? `${events} in PostgreSQL (events at ${inDatabase.url}): ` +
            `${dbCounts.found} found, ${dbCounts.missing} missing, ${dbCounts.different} different${idsOnly}`
        : `PostgreSQL at ${inDatabase.url}: unreachable: ${inDatabase.error}`,
    );
    output.out(
      `S3: ${counts.found} found, ${counts.missing} missing; PostgreSQL: ` +
        (dbCounts ? `${dbCounts.found} found, ${dbCounts.missing} missing` : 'unreachable'),
    );
  }
  const missing = counts.missing > 0 || (dbCounts?.missing ?? 0) > 0;
  const different = counts.different > 0 || (dbCounts?.different ?? 0) > 0;
  if (missing) output.err(`Missing after waiting ${options.timeout ?? DEFAULT_TIMEOUT}.`);
  if (different && !options.verbose) output.err('Run with --verbose to see what differs.');
  return ok ? 0 : 1;
}

interface DatabaseCheck {
  /** Redacted. */
  url: string;
  results?: VerifyEntry[];
  /** Why the database could not be checked (already free of the password). */
  error?: string;
}

/** The database half of verify; an unreachable database is a finding to report, not a crash. */
async function checkDatabase(
  url: string,
  records: ExpectedEvent[],
  timing: { timeoutMs: number; sleep(ms: number): Promise<void>; now(): number },
): Promise<DatabaseCheck> {
  let redacted = redactUrl(url);
  try {
    return await withDatabase(url, async (db) => {
      redacted = db.redactedUrl;
      return {
        url: redacted,
        results: await verifyDatabaseEvents({ client: db.client, records, ...timing }),
      };
    });
  } catch (error) {
    // FaasErrors from src/db are scrubbed; a statement error (no events table yet) is the
    // server's own words, which never hold the URL.
    return { url: redacted, error: error instanceof Error ? error.message : String(error) };
  }
}

function countStates(results: VerifyEntry[]) {
  const count = (state: VerifyEntry['state']) => results.filter((r) => r.state === state).length;
  return { found: count('found'), missing: count('missing'), different: count('different') };
}

function shorten(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > ACTUAL_WIDTH ? `${text.slice(0, ACTUAL_WIDTH - 1)}…` : text;
}

/** `verify --last` after `send webhook`: each webhook stored exactly once, in send order per group. */
async function verifyLastWebhooks(
  records: SentWebhook[],
  session: Session,
  options: VerifyOptions,
  deps: CommandDeps,
  timeoutMs: number,
): Promise<number> {
  const { output, clock } = deps;
  const bucket = ingestBucket(session);
  const progress = options.json
    ? undefined
    : startProgress(output, `Checking ${records.length} webhooks in s3://${bucket}/webhooks/`);
  let report: Awaited<ReturnType<typeof verifyWebhooks>>;
  try {
    report = await verifyWebhooks({
      s3: session.clients.s3,
      bucket,
      records,
      timeoutMs,
      sleep: (ms) => clock.sleep(ms),
      now: () => clock.now(),
    }).catch((cause: unknown) => {
      if (cause instanceof NoSuchBucket)
        throw notDeployed(session.config.project, `there is no bucket ${bucket}`);
      throw awsFailure(`S3 in ${bucket}`, cause);
    });
  } finally {
    progress?.stop();
  }
  const ok = report.missing.length === 0 && report.duplicated.length === 0 && report.outOfOrder.length === 0;
  if (options.json) {
    output.out(JSON.stringify({ bucket, timeoutMs, webhooks: records.length, ...report }, null, 2));
    return ok ? 0 : 1;
  }
  const groups = new Set(records.map((r) => r.group)).size;
  output.out(
    `${records.length} webhooks in s3://${bucket}/webhooks/ (${groups} group${groups === 1 ? '' : 's'}): ` +
      `${report.found} processed, ${report.missing.length} missing, ${report.duplicated.length} duplicated, ` +
      `${report.outOfOrder.length} group${report.outOfOrder.length === 1 ? '' : 's'} out of order.`,
  );
  if (options.verbose) {
    for (const id of report.missing) output.out(`  ${id}  missing`);
    for (const id of report.duplicated) output.out(`  ${id}  duplicated`);
  }
  for (const group of report.outOfOrder) output.err(`Group ${group}: processed out of send order.`);
  if (report.missing.length > 0) output.err(`Missing after waiting ${options.timeout ?? DEFAULT_TIMEOUT}.`);
  return ok ? 0 : 1;
}
