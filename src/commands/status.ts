// `faas status`: what exists, whether it matches the configuration, and the endpoint and token
// to call the pipeline with. Reads only; code is not rebuilt, so it is not compared here.
import { Command } from 'commander';
import type { CommandDeps, GlobalOptions } from '../cli/deps.js';
import { desiredState, openSession } from '../cli/session.js';
import { resolveIngestToken, secretsPath } from '../config/secrets.js';
import { planUp } from '../provision/planner.js';
import type { PlanItem } from '../provision/types.js';

export interface StatusOptions extends GlobalOptions {
  json?: boolean;
  showSecrets?: boolean;
}

type ResourceState = 'in-sync' | 'drifted' | 'missing';

export interface StatusReport {
  project: string;
  target: string;
  endpoint: string | null;
  region: string;
  accountId: string;
  caller: string;
  inSync: boolean;
  ingest: { url: string | null; token: { source: string; value?: string } | null };
  resources: Array<{
    kind: string;
    name: string;
    flow: string;
    state: ResourceState;
    reason: string;
    outputs: Record<string, string>;
  }>;
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
  const plan = await counter.readOnlyDuring(() => planUp(desiredState(session, token.token ?? ''), ctx));

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
  output.out('Resources:');
  const width = Math.max(...plan.items.map((i) => i.resource.length));
  for (const [i, item] of plan.items.entries()) {
    const r = report.resources[i]!;
    output.out(`  ${item.resource.padEnd(width)}  ${r.state}${r.reason ? `: ${r.reason}` : ''}`);
  }
  const count = (s: ResourceState) => report.resources.filter((r) => r.state === s).length;
  output.out(
    `${count('in-sync')} in sync, ${count('drifted')} drifted, ${count('missing')} missing ` +
      '(code not compared: `faas up --dry-run` compares it too).',
  );
  return 0;
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
