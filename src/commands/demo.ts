// `faas demo`: the whole pipeline (ingest with its PostgreSQL sink, and webhooks) on an embedded
// local cloud, with no AWS account and no Docker. It starts a local cloud in-process on a free port
// with a temporary data dir, then runs the real commands exactly as a user would (up → send →
// verify → db query → send webhook → verify → status → down) and reports what ran where.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import type { CommandDeps } from '../cli/deps.js';
import { usageError } from '../errors.js';

/** Runs one faas command line (`['up', '--yes']`) with the given deps; cli.ts provides it. */
export type RunCli = (args: string[], deps: CommandDeps) => Promise<number>;

export interface DemoOptions {
  count?: string;
  keep?: boolean;
}

export function makeDemoCommand(deps: CommandDeps, exit: (code: number) => void, runCli: RunCli): Command {
  return new Command('demo')
    .description('run the whole pipeline end to end on an embedded local cloud (no AWS account needed)')
    .option('--count <n>', 'events to send, and webhooks', '20')
    .option('--keep', 'keep the temporary project and data dir for a look afterwards')
    .action(async (options: DemoOptions) => exit(await runDemo(options, deps, runCli)));
}

export async function runDemo(options: DemoOptions, deps: CommandDeps, runCli: RunCli): Promise<number> {
  const count = Number(options.count ?? 20);
  if (!Number.isInteger(count) || count < 1 || count > 100_000) {
    throw usageError(`--count must be a whole number from 1 to 100000, got "${options.count}"`);
  }
  const { output } = deps;
  const root = await mkdtemp(join(tmpdir(), 'faas-demo-'));
  const work = join(root, 'project');
  const started = deps.clock.now();
  // The hosted PostgreSQL boots in the background; `up` finds its URL through /_faas/health.
  // Imported here, not at the top: every other command would pay for loading the local cloud.
  const { startLocalCloud } = await import('../local/index.js');
  const local = await startLocalCloud({ port: 0, dataDir: join(root, 'local'), postgres: true });
  const steps: { name: string; code: number; ms: number }[] = [];
  try {
    output.out(`faas demo: local cloud listening on ${local.endpoint} (data in ${root})`);
    await mkdir(work, { recursive: true });
    await writeFile(
      join(work, '.faasrc.json'),
      `${JSON.stringify({ project: 'faas-demo', target: 'local', endpoint: local.endpoint, flows: { webhook: {} } }, null, 2)}\n`,
    );
    // Each step is the real command, its output indented under the step's title.
    const indented: CommandDeps = {
      ...deps,
      cwd: work,
      output: { out: (l) => output.out(`    ${l}`), err: (l) => output.err(`    ${l}`), isTTY: false },
    };
    const plan: [string, string[]][] = [
      ['Provision the pipeline', ['up', '--yes']],
      ['Provision again (nothing to change)', ['up', '--yes']],
      [
        `Send ${count} events`,
        ['send', '--count', String(count), '--concurrency', String(Math.min(8, count))],
      ],
      ['Verify every event reached S3 and PostgreSQL', ['verify', '--last', '--timeout', '30s']],
      ['Count the rows in PostgreSQL', ['db', 'query', 'select count(*) from events']],
      [
        `Send ${count} webhooks in 2 groups`,
        ['send', 'webhook', '--count', String(count), '--group', 'orders,payments'],
      ],
      [
        'Verify every webhook was processed once, in order per group',
        ['verify', '--last', '--timeout', '30s'],
      ],
      ['Show the queues and functions', ['status']],
      ['Tear everything down', ['down', '--yes', '--force']],
    ];
    for (const [title, args] of plan) {
      output.out('');
      output.out(`==> ${title}: faas ${args.join(' ')}`);
      const t0 = deps.clock.now();
      const code = await runCli(args, indented);
      steps.push({ name: title, code, ms: deps.clock.now() - t0 });
      if (code !== 0) break;
    }
  } finally {
    await local.stop();
    if (!options.keep) await rm(root, { recursive: true, force: true });
  }
  output.out('');
  output.out('Summary');
  for (const s of steps)
    output.out(`  ${s.code === 0 ? 'ok  ' : 'FAIL'}  ${s.name} (${(s.ms / 1000).toFixed(2)} s)`);
  const failed = steps.find((s) => s.code !== 0);
  output.out(
    failed
      ? `The demo stopped at "${failed.name}". Run the same step against \`faas local start\` with --debug to see why.`
      : `Everything ran on the embedded local cloud in ${((deps.clock.now() - started) / 1000).toFixed(1)} s: ` +
          'API Gateway → Lambda (api) → EventBridge → Lambda (store) → S3 and Lambda (db) → ' +
          'PostgreSQL; API Gateway → SQS FIFO → Lambda (webhook) → S3; with real Lambda zips.',
  );
  if (options.keep) output.out(`Kept ${root} (project in ${work}).`);
  return failed ? 1 : 0;
}
