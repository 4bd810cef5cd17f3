// `faas logs <function>`: a function's log events since a point in time (FilterLogEvents on
// /aws/lambda/<name>), optionally filtered, and with --follow new ones every second until Ctrl-C.
import {
  type CloudWatchLogsClient,
  type FilteredLogEvent,
  FilterLogEventsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs';
import { Command } from 'commander';
import { awsFailure } from '../aws/errors.js';
import type { CommandDeps, GlobalOptions } from '../cli/deps.js';
import { notDeployed, pipelineFunctions, selectFunctions } from '../cli/lookup.js';
import { parseDuration } from '../cli/parse.js';
import { openSession } from '../cli/session.js';
import { logGroupName } from '../config/names.js';

export interface LogsOptions extends GlobalOptions {
  function?: string;
  since?: string;
  follow?: boolean;
  filter?: string;
}

const DEFAULT_SINCE = '10m';
export const FOLLOW_INTERVAL_MS = 1_000;

export function makeLogsCommand(deps: CommandDeps, exit: (code: number) => void): Command {
  return new Command('logs')
    .description("print a function's log events")
    .argument('<function>', 'short name of the function, e.g. api')
    .option('--since <duration>', 'how far back to start, e.g. 30s, 10m, 2h', DEFAULT_SINCE)
    .option('--follow', 'keep printing new events (every second) until Ctrl-C')
    .option(
      '--filter <pattern>',
      'a CloudWatch Logs filter pattern: a term such as ERROR, a "quoted phrase", or { $.level = "ERROR" }',
    )
    .action(async (fn: string, _options: LogsOptions, command: Command) => {
      exit(await runLogs({ ...command.optsWithGlobals<LogsOptions>(), function: fn }, deps));
    });
}

export async function runLogs(options: LogsOptions, deps: CommandDeps): Promise<number> {
  const { output, clock } = deps;
  const sinceMs = parseDuration(options.since ?? DEFAULT_SINCE, '--since');
  const session = await openSession(options, deps);
  const [fn] = selectFunctions(await pipelineFunctions(session), [options.function ?? '']);
  const group = logGroupName(fn!.name);

  let interrupted = false;
  const unsubscribe = options.follow
    ? deps.onInterrupt(() => {
        interrupted = true;
      })
    : () => {};
  // eventId → timestamp of what was printed. Each poll starts at the newest timestamp seen, not
  // after it (more events may land in that same millisecond), so the ids keep repeats out.
  const printed = new Map<string, number>();
  let startTime = clock.now() - sinceMs;
  try {
    for (;;) {
      for (const event of await readEvents(session.clients.logs, group, startTime, options.filter)) {
        const id = event.eventId ?? `${event.logStreamName}/${event.timestamp}/${event.message}`;
        if (printed.has(id)) continue;
        const timestamp = event.timestamp ?? 0;
        printed.set(id, timestamp);
        startTime = Math.max(startTime, timestamp);
        output.out(`${new Date(timestamp).toISOString()}  ${(event.message ?? '').replace(/\n$/, '')}`);
      }
      if (!options.follow || interrupted) break;
      for (const [id, timestamp] of printed) if (timestamp < startTime) printed.delete(id);
      await clock.sleep(FOLLOW_INTERVAL_MS);
      if (interrupted) break;
    }
  } catch (cause) {
    if (cause instanceof ResourceNotFoundException) {
      throw notDeployed(session.config.project, `there is no log group ${group}`);
    }
    throw awsFailure(`CloudWatch Logs FilterLogEvents on ${group}`, cause);
  } finally {
    unsubscribe();
  }
  return 0;
}

/** Every page of matching events from startTime on, in time order. */
async function readEvents(
  logs: CloudWatchLogsClient,
  group: string,
  startTime: number,
  filter: string | undefined,
): Promise<FilteredLogEvent[]> {
  const events: FilteredLogEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await logs.send(
      new FilterLogEventsCommand({
        logGroupName: group,
        startTime,
        ...(filter === undefined ? {} : { filterPattern: filter }),
        nextToken,
      }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  // Streams are merged by time on AWS too, but sorting keeps the printed order right regardless.
  return events.sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
}
