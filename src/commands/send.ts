// `faas send`: post events to the deployed ingest API (`POST <url>/events`, header `token`), print
// the id (one event) or throughput and latency (--count), and record what was sent for `verify`.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command } from 'commander';
import type { CommandDeps, GlobalOptions } from '../cli/deps.js';
import { ingestApiUrl, requireWebhookFlow, stateDir } from '../cli/lookup.js';
import { parsePositiveInt } from '../cli/parse.js';
import { openSession } from '../cli/session.js';
import { resolveIngestToken } from '../config/secrets.js';
import { FaasError, usageError } from '../errors.js';
import { DEFAULT_GROUP, GROUP_PREFIX } from '../handlers/lib/webhookGroup.js';
import { startProgress } from '../output.js';
import { lastSendPath, writeLastSend } from '../traffic/lastSend.js';
import { type SendFailure, type SendResult, sendEvents } from '../traffic/send.js';
import { sendWebhooks } from '../traffic/webhookSend.js';

export interface SendOptions extends GlobalOptions {
  /** `events` (the default) or `webhook`. */
  flow?: string;
  group?: string;
  data?: string;
  file?: string;
  count?: string;
  concurrency?: string;
  json?: boolean;
}

const DEFAULT_CONCURRENCY = 10;

export function makeSendCommand(deps: CommandDeps, exit: (code: number) => void): Command {
  return new Command('send')
    .summary('post events to the ingest API')
    .description(
      'post events to the ingest API (POST <api>/events), or with `webhook` webhooks to POST <api>/webhook, ' +
        'and record them for `faas verify --last`',
    )
    .argument('[flow]', 'events (the default) or webhook')
    .option(
      '--group <groups>',
      'webhook: FIFO group(s), comma-separated; webhooks alternate between them',
      'default',
    )
    .option('--data <json>', 'the event, a JSON object (default: a generated {"message","n","sentAt"})')
    .option('--file <path>', 'read the event (a JSON object) from a file')
    .option('--count <n>', 'send n events and report throughput and latency')
    .option('--concurrency <c>', `requests in flight with --count (default: ${DEFAULT_CONCURRENCY})`)
    .option('--json', 'print a JSON report')
    .action(async (flow: string | undefined, _options: SendOptions, command: Command) => {
      exit(await runSend({ ...command.optsWithGlobals<SendOptions>(), ...(flow ? { flow } : {}) }, deps));
    });
}

export async function runSend(options: SendOptions, deps: CommandDeps): Promise<number> {
  const { output } = deps;
  if (options.flow === 'webhook') return runSendWebhook(options, deps);
  if (options.flow !== undefined && options.flow !== 'events') {
    throw usageError(`unknown flow "${options.flow}": send takes events or webhook`);
  }
  // Every local check first: bad input is refused before any call leaves.
  const fixed = await fixedBody(options, deps.cwd);
  const count = options.count === undefined ? undefined : parsePositiveInt(options.count, '--count');
  const concurrency =
    options.concurrency === undefined
      ? DEFAULT_CONCURRENCY
      : parsePositiveInt(options.concurrency, '--concurrency');

  const session = await openSession(options, deps);
  const { config } = session;
  const apiUrl = await ingestApiUrl(session);
  // Read, never generated here: a token nobody deployed would only be refused.
  const { token } = await resolveIngestToken(config, false);
  if (token === undefined) {
    throw new FaasError('NoToken', `No ingest token for ${config.project}`, {
      hint: 'Run `faas up`: it generates one into .faas/secrets.json (or set FAAS_TOKEN to the deployed one).',
    });
  }

  const url = `${apiUrl}/events`;
  const total = count ?? 1;
  const progress =
    count === undefined || options.json ? undefined : startProgress(output, `Sending 0/${total}`);
  let result: SendResult;
  try {
    result = await sendEvents({
      url,
      headers: { 'content-type': 'application/json', token },
      body: (n) =>
        fixed ?? { message: 'hello from faas', n, sentAt: new Date(deps.clock.now()).toISOString() },
      count: total,
      concurrency,
      onProgress: (done) => progress?.update(`Sending ${done}/${total}`),
    });
  } finally {
    progress?.stop();
  }

  // Only a send that got ids replaces the record: a failed run must not lose the last good one.
  if (result.accepted.length > 0) {
    await writeLastSend(stateDir(config), {
      project: config.project,
      apiUrl: url,
      sentAt: new Date(deps.clock.now()).toISOString(),
      records: result.accepted,
    });
  }

  if (count === undefined) {
    const failure = result.failures[0];
    if (failure) throw rejected(failure, url);
    const id = result.accepted[0]!.id;
    output.out(options.json ? JSON.stringify({ url, id, body: result.accepted[0]!.body }, null, 2) : id);
    return 0;
  }

  const failed = result.failures.length > 0 ? 1 : 0;
  if (options.json) {
    // The failures are in the report; stdout stays one JSON document.
    output.out(JSON.stringify(sendReport(url, concurrency, result), null, 2));
    return failed;
  }
  for (const line of summaryLines(url, concurrency, result, lastSendPath(stateDir(config)))) output.out(line);
  for (const line of failureLines(result.failures)) output.err(line);
  return failed;
}

/** `faas send webhook`: POST <api>/webhook with a group and a unique id per webhook. */
async function runSendWebhook(options: SendOptions, deps: CommandDeps): Promise<number> {
  const { output } = deps;
  const fixed = await fixedBody(options, deps.cwd);
  const count = options.count === undefined ? 1 : parsePositiveInt(options.count, '--count');
  const concurrency =
    options.concurrency === undefined
      ? DEFAULT_CONCURRENCY
      : parsePositiveInt(options.concurrency, '--concurrency');
  const groups = [...new Set((options.group ?? DEFAULT_GROUP).split(',').map((g) => g.trim()))];
  // SQS takes 1-128 characters of alphanumerics and punctuation, the `g:` prefix included.
  const most = 128 - GROUP_PREFIX.length;
  const bad = groups.find((g) => !new RegExp(`^[\\x21-\\x7e]{1,${most}}$`).test(g));
  if (bad !== undefined)
    throw usageError(
      `--group "${bad}" is not a valid webhook group: use 1-${most} printable ASCII characters, no spaces`,
    );

  const session = await openSession(options, deps);
  requireWebhookFlow(session.config);
  const { config } = session;
  const url = `${await ingestApiUrl(session)}/webhook`;
  const result = await sendWebhooks({
    url,
    groups,
    count,
    concurrency,
    body: (n, group) =>
      fixed ?? { message: 'hello from faas', n, group, sentAt: new Date(deps.clock.now()).toISOString() },
  });
  if (result.accepted.length > 0) {
    await writeLastSend(stateDir(config), {
      kind: 'webhook',
      project: config.project,
      apiUrl: url,
      sentAt: new Date(deps.clock.now()).toISOString(),
      records: [],
      webhooks: result.accepted,
    });
  }
  const summary = {
    url,
    groups,
    accepted: result.accepted.length,
    failed: result.failures.length,
    durationMs: round(result.durationMs),
    failures: result.failures,
  };
  if (options.json) {
    output.out(JSON.stringify(summary, null, 2));
    return result.failures.length > 0 ? 1 : 0;
  }
  output.out(
    `Sent ${count} webhook${count === 1 ? '' : 's'} to ${url} in ${(result.durationMs / 1000).toFixed(2)} s (groups ${groups.join(', ')})`,
  );
  output.out(`  accepted ${result.accepted.length}, failed ${result.failures.length}`);
  if (result.accepted.length > 0) {
    output.out(
      `Recorded ${result.accepted.length} webhooks in ${lastSendPath(stateDir(config))}: \`faas verify --last\` checks them in S3.`,
    );
  }
  for (const line of failureLines(
    result.failures.map((f, index) => ({ index, status: f.status, message: f.message })),
  ))
    output.err(line);
  return result.failures.length > 0 ? 1 : 0;
}

/** The body from --data or --file, or undefined for the generated default. */
async function fixedBody(options: SendOptions, cwd: string): Promise<Record<string, unknown> | undefined> {
  if (options.data !== undefined && options.file !== undefined) {
    throw usageError('use either --data or --file, not both');
  }
  if (options.data !== undefined) return jsonObject(options.data, '--data');
  if (options.file === undefined) return undefined;
  const path = resolve(cwd, options.file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new FaasError('SendFileNotFound', `No such file: ${path}`, {
        hint: 'Check the path given to --file (relative paths start from the current directory).',
      });
    }
    throw new FaasError('SendFileUnreadable', `Cannot read ${path}`, { cause });
  }
  return jsonObject(text, path);
}

function jsonObject(text: string, what: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw usageError(`${what} is not valid JSON: ${(error as Error).message}`);
  }
  // The API accepts only an object (it adds the `id` to it).
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    const got = parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : `a ${typeof parsed}`;
    throw usageError(`${what} must be a JSON object, got ${got}`, `e.g. --data '{"message":"hi"}'`);
  }
  return parsed as Record<string, unknown>;
}

function rejected(failure: SendFailure, url: string): FaasError {
  if (failure.status === 0) {
    return new FaasError('SendFailed', `Could not reach ${url}: ${failure.message}`, {
      hint: 'Check that the pipeline is running (`faas status`).',
    });
  }
  return new FaasError(
    'EventRejected',
    `The API rejected the event (HTTP ${failure.status}): ${failure.message}`,
    {
      ...(failure.status === 401
        ? { hint: 'The token differs from the deployed one: run `faas up` to deploy it, or fix FAAS_TOKEN.' }
        : {}),
    },
  );
}

export function sendReport(url: string, concurrency: number, r: SendResult) {
  return {
    url,
    concurrency,
    sent: r.sent,
    accepted: r.accepted.length,
    failed: r.failures.length,
    durationMs: round(r.durationMs),
    eventsPerSecond: round(r.eventsPerSecond),
    latencyMs: {
      p50: round(r.latencyMs.p50),
      p95: round(r.latencyMs.p95),
      p99: round(r.latencyMs.p99),
      max: round(r.latencyMs.max),
    },
    ids: r.accepted.map((a) => a.id),
    failures: r.failures,
  };
}

/** The --count report for people. */
export function summaryLines(url: string, concurrency: number, r: SendResult, recordFile: string): string[] {
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const lines = [
    `Sent ${r.sent} event${r.sent === 1 ? '' : 's'} to ${url} in ${(r.durationMs / 1000).toFixed(2)} s (concurrency ${concurrency})`,
    `  accepted ${r.accepted.length}, failed ${r.failures.length}`,
    `  ${r.eventsPerSecond.toFixed(1)} events/s`,
    `  latency p50 ${ms(r.latencyMs.p50)}, p95 ${ms(r.latencyMs.p95)}, p99 ${ms(r.latencyMs.p99)} (max ${ms(r.latencyMs.max)})`,
  ];
  if (r.accepted.length > 0) {
    lines.push(
      `Recorded ${r.accepted.length} ids in ${recordFile}: \`faas verify --last\` checks them in S3.`,
    );
  }
  return lines;
}

/** Failures grouped by what the API (or the network) said, most frequent first. */
export function failureLines(failures: readonly SendFailure[]): string[] {
  const groups = new Map<string, number>();
  for (const f of failures) {
    const key = f.status === 0 ? `network error: ${f.message}` : `HTTP ${f.status} ${f.message}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  return [...groups.entries()].sort((a, b) => b[1] - a[1]).map(([message, n]) => `Failed: ${n} × ${message}`);
}

const round = (v: number): number => Math.round(v * 100) / 100;
