// `faas verify`: check that sent events reached S3 as `events/<id>.json` — the last send's (with
// their bodies) or ids given by hand (existence and id only) — waiting up to a timeout for stragglers.
import { NoSuchBucket } from '@aws-sdk/client-s3';
import { Command } from 'commander';
import { awsFailure } from '../aws/errors.js';
import type { CommandDeps, GlobalOptions } from '../cli/deps.js';
import { ingestBucket, notDeployed, stateDir } from '../cli/lookup.js';
import { parseDuration } from '../cli/parse.js';
import { table } from '../cli/render.js';
import { openSession } from '../cli/session.js';
import { FaasError, usageError } from '../errors.js';
import { startProgress } from '../output.js';
import { readLastSend } from '../traffic/lastSend.js';
import { type ExpectedEvent, type VerifyEntry, verifyEvents } from '../traffic/verify.js';

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
    records = last.records;
  }

  const bucket = ingestBucket(session);
  const progress = options.json
    ? undefined
    : startProgress(output, `Checking ${records.length} events in s3://${bucket}/events/`);
  let results: VerifyEntry[];
  try {
    results = await verifyEvents({
      s3: clients.s3,
      bucket,
      records,
      timeoutMs,
      sleep: (ms) => clock.sleep(ms),
      now: () => clock.now(),
    });
  } catch (cause) {
    if (cause instanceof NoSuchBucket) throw notDeployed(config.project, `there is no bucket ${bucket}`);
    throw awsFailure(`S3 GetObject in ${bucket}`, cause);
  } finally {
    progress?.stop();
  }

  const count = (state: VerifyEntry['state']) => results.filter((r) => r.state === state).length;
  const counts = { found: count('found'), missing: count('missing'), different: count('different') };
  const ok = counts.missing === 0 && counts.different === 0;
  if (options.json) {
    output.out(
      JSON.stringify(
        { bucket, timeoutMs, bodiesCompared: ids.length === 0, ...counts, events: results },
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
  output.out(
    `${records.length} event${records.length === 1 ? '' : 's'} in s3://${bucket}/events/: ` +
      `${counts.found} found, ${counts.missing} missing, ${counts.different} different` +
      (ids.length > 0 ? ' (ids only: existence and id checked, not the body).' : '.'),
  );
  if (counts.missing > 0) output.err(`Missing after waiting ${options.timeout ?? DEFAULT_TIMEOUT}.`);
  if (counts.different > 0 && !options.verbose) output.err('Run with --verbose to see what differs.');
  return ok ? 0 : 1;
}

function shorten(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > ACTUAL_WIDTH ? `${text.slice(0, ACTUAL_WIDTH - 1)}…` : text;
}
