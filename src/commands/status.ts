// `faas status`: what exists, whether it matches the configuration, and the endpoint and token
// to call the pipeline with. Reads only; code is not rebuilt, so it is not compared here.
import {
  GetAliasCommand,
  type LambdaClient,
  ListVersionsByFunctionCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import { Command } from 'commander';
import { type DatabaseChoice, describeDatabaseSource, resolveDatabase } from '../cli/database.js';
import type { CommandDeps, GlobalOptions } from '../cli/deps.js';
import { desiredState, openSession } from '../cli/session.js';
import { resolveIngestToken, secretsPath } from '../config/secrets.js';
import { redactUrl, schemaStatus, withDatabase } from '../db/index.js';
import { planUp } from '../provision/planner.js';
import type { ObservedQueue } from '../provision/reconcilers/queue.js';
import type { PlanItem } from '../provision/types.js';
import { LIVE_ALIAS } from '../release/alias.js';

export interface StatusOptions extends GlobalOptions {
  json?: boolean;
  showSecrets?: boolean;
}

type ResourceState = 'in-sync' | 'drifted' | 'missing';

export interface FunctionReport {
  name: string;
  /** Published versions, oldest first. */
  versions: string[];
  /** Where `live` points, and any canary weights (version → share); null before the first release. */
  live: { version: string; weights: Record<string, number> } | null;
}

export interface StatusReport {
  project: string;
  target: string;
  endpoint: string | null;
  region: string;
  accountId: string;
  caller: string;
  inSync: boolean;
  ingest: { url: string | null; token: { source: string; value?: string } | null };
  /** null: the webhook flow is not deployed (no queue). */
  webhook: { url: string } | null;
  functions: FunctionReport[];
  /** null: no database, so no db path. */
  database: DatabaseReport | null;
  /** Each deployed queue: messages waiting, in flight (received, not yet deleted). */
  queues: Array<{ name: string; visible: number; inFlight: number }>;
  resources: Array<{
    kind: string;
    name: string;
    flow: string;
    state: ResourceState;
    reason: string;
    outputs: Record<string, string>;
  }>;
}

export interface DatabaseReport {
  /** Password redacted. */
  url: string;
  source: string;
  state: 'reachable' | 'unreachable';
  schemaVersion?: number;
  rows?: number;
  /** Why it is unreachable (no password in it). */
  error?: string;
}

export function makeStatusCommand(deps: CommandDeps, exit: (code: number) => void): Command {
  return new Command('status')
    .description('show what is deployed and whether it matches the configuration')
    .option('--json', 'print a JSON report')
    .option('--show-secrets', 'include the ingest token')
    .action(async (_options: StatusOptions, command: Command) => {
      exit(await runStatus(command.optsWithGlobals<StatusOptions>(), deps));
    });
}

export async function runStatus(options: StatusOptions, deps: CommandDeps): Promise<number> {
  const { output } = deps;
  const session = await openSession(options, deps);
  const { config, identity, counter, ctx } = session;
  const token = await resolveIngestToken(config, false);
  const database = await resolveDatabase(config);
  const plan = await counter.readOnlyDuring(() =>
    planUp(desiredState(session, token.token ?? '', database.url), ctx),
  );

  const api = plan.items.find((i) => i.kind === 'httpApi' && i.action !== 'create');
  const report: StatusReport = {
    project: config.project,
    target: config.target,
    endpoint: config.endpoint ?? null,
    region: identity.region,
    accountId: identity.accountId,
    caller: identity.arn,
    inSync: plan.items.every((i) => i.action === 'unchanged'),
    ingest: {
      url: api?.outputs['url'] ? `${api.outputs['url']}/events` : null,
      token:
        token.token === undefined
          ? null
          : { source: token.source, ...(options.showSecrets ? { value: token.token } : {}) },
    },
    webhook:
      api?.outputs['url'] && plan.items.some((i) => i.kind === 'queue' && i.action !== 'create')
        ? { url: `${api.outputs['url']}/webhook` }
        : null,
    functions: await describeFunctions(
      ctx.clients.lambda,
      plan.items.filter((i) => i.kind === 'function' && i.action !== 'create').map((i) => i.name),
    ),
    database: await describeDatabase(database),
    queues: plan.items.flatMap((i) => {
      if (i.kind !== 'queue' || i.action === 'create') return [];
      // GetQueueAttributes(All) in the plan's describe already holds SQS's approximate counts.
      const a = (i.observed as ObservedQueue).attributes;
      return [
        {
          name: i.name,
          visible: Number(a['ApproximateNumberOfMessages'] ?? 0),
          inFlight: Number(a['ApproximateNumberOfMessagesNotVisible'] ?? 0),
        },
      ];
    }),
    resources: plan.items.map((item) => ({
      kind: item.kind,
      name: item.name,
      flow: item.flow,
      state: stateOf(item),
      reason: item.action === 'unchanged' ? '' : item.reason,
      outputs: item.outputs,
    })),
  };

  if (options.json) {
    output.out(JSON.stringify(report, null, 2));
    return 0;
  }
  output.out(
    `Project ${report.project}: target ${report.target}${report.endpoint ? ` (${report.endpoint})` : ''}`,
  );
  output.out(`  region ${report.region}, account ${report.accountId}, as ${report.caller}`);
  output.out(`Ingest endpoint: ${report.ingest.url ? `POST ${report.ingest.url}` : 'not deployed'}`);
  output.out(`Ingest token: ${tokenLine(report, config.dir)}`);
  if (report.webhook) output.out(`Webhook endpoint: POST ${report.webhook.url}`);
  output.out(`Database: ${databaseLine(report.database, database)}`);
  output.out('Resources:');
  const width = Math.max(...plan.items.map((i) => i.resource.length));
  for (const [i, item] of plan.items.entries()) {
    const r = report.resources[i]!;
    output.out(`  ${item.resource.padEnd(width)}  ${r.state}${r.reason ? `: ${r.reason}` : ''}`);
  }
  if (report.functions.length > 0) output.out('Functions:');
  for (const f of report.functions) {
    const canary = Object.entries(f.live?.weights ?? {})
      .map(([v, w]) => `, canary ${v} at ${Math.round(w * 100)}%`)
      .join('');
    output.out(
      `  ${f.name}: live → ${f.live ? `${f.live.version}${canary}` : 'none'}; versions ${f.versions.join(', ') || 'none'}`,
    );
  }
  if (report.queues.length > 0) output.out('Queues (approximate):');
  for (const q of report.queues) {
    // The dead-letter queue's depth is what needs attention: `faas dlq list` shows them.
    const dead = q.name.endsWith('-dlq.fifo');
    output.out(`  ${q.name}: ${q.visible} ${dead ? 'dead-lettered' : 'waiting'}, ${q.inFlight} in flight`);
  }
  const count = (s: ResourceState) => report.resources.filter((r) => r.state === s).length;
  output.out(
    `${count('in-sync')} in sync, ${count('drifted')} drifted, ${count('missing')} missing ` +
      '(code not compared: `faas up --dry-run` compares it too).',
  );
  return 0;
}

/** Each deployed function's published versions and where `live` points (reads only). */
async function describeFunctions(lambda: LambdaClient, names: string[]): Promise<FunctionReport[]> {
  return Promise.all(
    names.map(async (name) => {
      const versions: string[] = [];
      // A plain Marker loop rather than the SDK paginator, which insists on a real LambdaClient.
      let marker: string | undefined;
      do {
        const page = await lambda.send(
          new ListVersionsByFunctionCommand({ FunctionName: name, Marker: marker }),
        );
        for (const v of page.Versions ?? [])
          if (v.Version && v.Version !== '$LATEST') versions.push(v.Version);
        marker = page.NextMarker;
      } while (marker);
      let live: FunctionReport['live'] = null;
      try {
        const alias = await lambda.send(new GetAliasCommand({ FunctionName: name, Name: LIVE_ALIAS }));
        live = {
          version: alias.FunctionVersion ?? '',
          weights: alias.RoutingConfig?.AdditionalVersionWeights ?? {},
        };
      } catch (e) {
        if (!(e instanceof ResourceNotFoundException)) throw e;
      }
      return { name, versions: versions.sort((a, b) => Number(a) - Number(b)), live };
    }),
  );
}

/** Schema version and row count when the database answers; `unreachable` (and why) when not. */
async function describeDatabase(choice: DatabaseChoice): Promise<DatabaseReport | null> {
  if (choice.url === undefined) return null;
  const base = { url: redactUrl(choice.url), source: describeDatabaseSource(choice) };
  try {
    return await withDatabase(choice.url, async (db) => {
      const schema = await schemaStatus(db.client);
      const rows =
        schema.version === 0
          ? 0
          : Number(
              (await db.client.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]?.n ?? 0,
            );
      return { ...base, state: 'reachable' as const, schemaVersion: schema.version, rows };
    });
  } catch (error) {
    return { ...base, state: 'unreachable', error: error instanceof Error ? error.message : String(error) };
  }
}

function databaseLine(report: DatabaseReport | null, choice: DatabaseChoice): string {
  if (!report) return choice.note ?? 'none';
  const where = `${report.url} (from ${report.source})`;
  return report.state === 'reachable'
    ? `${where}: schema version ${report.schemaVersion}, ${report.rows} row${report.rows === 1 ? '' : 's'} in events`
    : `${where}: unreachable: ${report.error}`;
}

const stateOf = (item: PlanItem): ResourceState =>
  item.action === 'create' ? 'missing' : item.action === 'update' ? 'drifted' : 'in-sync';

function tokenLine(report: StatusReport, dir: string): string {
  const token = report.ingest.token;
  if (!token) return 'none yet (faas up generates one)';
  const where =
    token.source === 'secrets' ? secretsPath(dir) : token.source === 'env' ? 'FAAS_TOKEN' : '.faasrc.json';
  return token.value !== undefined
    ? `${token.value} (from ${where})`
    : `set in ${where} (--show-secrets prints it)`;
}
