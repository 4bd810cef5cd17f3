// `faas dlq list|redrive`: the webhook flow's dead-letter queue — what died there, and moving it
// back to the webhook queue (group kept, so order within each group holds).
import { GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { Command } from 'commander';
import { awsFailure, isNotFound } from '../aws/errors.js';
import type { CommandDeps, GlobalOptions } from '../cli/deps.js';
import { notDeployed, requireWebhookFlow } from '../cli/lookup.js';
import { parsePositiveInt } from '../cli/parse.js';
import { openSession } from '../cli/session.js';
import { webhookDlqName, webhookQueueName } from '../pipeline/flows/webhook.js';
import { listDeadLetters, redriveDeadLetters } from '../traffic/dlq.js';

export interface DlqOptions extends GlobalOptions {
  max?: string;
  json?: boolean;
}

const DEFAULT_MAX = '100';

export function makeDlqCommand(deps: CommandDeps, exit: (code: number) => void): Command {
  const dlq = new Command('dlq').description("the webhook flow's dead-letter queue");
  dlq
    .command('list')
    .description('show the dead-lettered webhooks (group, id, receive count, body)')
    .option('--max <n>', 'at most this many', DEFAULT_MAX)
    .option('--json', 'print JSON')
    .action(async (_o: DlqOptions, command: Command) => {
      exit(await runDlq('list', command.optsWithGlobals<DlqOptions>(), deps));
    });
  dlq
    .command('redrive')
    .description('move dead-lettered webhooks back to the webhook queue, keeping their group')
    .option('--max <n>', 'at most this many', DEFAULT_MAX)
    .option('--json', 'print JSON')
    .action(async (_o: DlqOptions, command: Command) => {
      exit(await runDlq('redrive', command.optsWithGlobals<DlqOptions>(), deps));
    });
  return dlq;
}

async function queueUrl(sqs: SQSClient, name: string, project: string): Promise<string> {
  try {
    return (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl ?? '';
  } catch (cause) {
    if (isNotFound(cause)) throw notDeployed(project, `there is no queue ${name}`);
    throw awsFailure(`SQS GetQueueUrl ${name}`, cause);
  }
}

export async function runDlq(
  action: 'list' | 'redrive',
  options: DlqOptions,
  deps: CommandDeps,
): Promise<number> {
  const { output } = deps;
  const max = parsePositiveInt(options.max ?? DEFAULT_MAX, '--max');
  const session = await openSession(options, deps);
  requireWebhookFlow(session.config);
  const { project } = session.config;
  const { sqs } = session.clients;
  const dlqUrl = await queueUrl(sqs, webhookDlqName(project), project);
  if (action === 'list') {
    const letters = await listDeadLetters(sqs, dlqUrl, max);
    if (options.json) {
      output.out(JSON.stringify(letters, null, 2));
      return 0;
    }
    output.out(
      `${letters.length} dead-lettered webhook${letters.length === 1 ? '' : 's'} in ${webhookDlqName(project)}`,
    );
    for (const l of letters) {
      output.out(`  group ${l.group}  id ${l.id}  received ${l.receiveCount}×  ${l.body.slice(0, 80)}`);
    }
    return 0;
  }
  const sourceUrl = await queueUrl(sqs, webhookQueueName(project), project);
  const moved = await redriveDeadLetters(sqs, dlqUrl, sourceUrl, max);
  if (options.json) output.out(JSON.stringify({ redriven: moved.length, webhooks: moved }, null, 2));
  else
    output.out(
      `Redrove ${moved.length} webhook${moved.length === 1 ? '' : 's'} to ${webhookQueueName(project)}.`,
    );
  return 0;
}
