// The faas command line: builds the commander program and holds the one top-level error
// handler — message, cause and hint for a FaasError, a stack only with --debug, exit code
// 1 for failures and 2 for usage errors (commander's own included).
import { Command, CommanderError } from 'commander';
import { type CommandDeps, defaultDeps } from './cli/deps.js';
import { makeDbCommand } from './commands/db.js';
import { makeDemoCommand } from './commands/demo.js';
import { makeDlqCommand } from './commands/dlq.js';
import { makeDownCommand } from './commands/down.js';
import { makeLocalCommand } from './commands/local.js';
import { makeLogsCommand } from './commands/logs.js';
import { makeReleaseCommand } from './commands/release.js';
import { makeRollbackCommand } from './commands/rollback.js';
import { makeSendCommand } from './commands/send.js';
import { makeStatusCommand } from './commands/status.js';
import { makeUpCommand } from './commands/up.js';
import { makeVerifyCommand } from './commands/verify.js';
import { FaasError } from './errors.js';
import type { Output } from './output.js';

export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export function buildProgram(deps: CommandDeps, exit: (code: number) => void): Command {
  const program = new Command('faas')
    .description('Provision and drive a serverless event pipeline on AWS or on the embedded local cloud')
    .version('0.1.0')
    .option('-c, --config <path>', 'configuration file (default: ./.faasrc.json)')
    .option('--project <name>', 'project name, the prefix of every resource name')
    .option('--target <target>', 'local or aws')
    .option('--region <region>', 'AWS region (overrides AWS_REGION)')
    .option('--profile <name>', 'AWS profile (overrides AWS_PROFILE)')
    .option('--endpoint <url>', 'service endpoint (overrides AWS_ENDPOINT_URL)')
    .option('--debug', 'show stack traces on errors')
    // Write through the injected output, and let main() pick the exit code.
    .configureOutput({
      writeOut: (text) => deps.output.out(text.replace(/\n$/, '')),
      writeErr: (text) => deps.output.err(text.replace(/\n$/, '')),
    })
    .exitOverride()
    .showHelpAfterError('(run faas --help for usage)');
  for (const command of [
    makeUpCommand(deps, exit),
    makeDownCommand(deps, exit),
    makeStatusCommand(deps, exit),
    makeLocalCommand(deps, exit),
    makeDemoCommand(deps, exit, (args, d) => main(['node', 'faas', ...args], d)),
    makeReleaseCommand(deps, exit),
    makeRollbackCommand(deps, exit),
    makeSendCommand(deps, exit),
    makeVerifyCommand(deps, exit),
    makeLogsCommand(deps, exit),
    makeDbCommand(deps, exit),
    makeDlqCommand(deps, exit),
  ]) {
    // addCommand does not pass settings down: give each (and its subcommands) the program's
    // output and exit handling.
    program.addCommand(inheritSettings(command, program));
  }
  return program;
}

function inheritSettings(command: Command, parent: Command): Command {
  command.copyInheritedSettings(parent);
  for (const sub of command.commands) inheritSettings(sub, command);
  return command;
}

/** Runs the CLI with process-style argv (`node faas up …`) and returns the exit code. */
export async function main(argv: string[], deps: CommandDeps = defaultDeps()): Promise<number> {
  let code = 0;
  const program = buildProgram(deps, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv, { from: 'node' });
    return code;
  } catch (error) {
    // Read from argv too: the error may come before commander has parsed --debug.
    const debug = argv.includes('--debug') || deps.env['FAAS_DEBUG'] === '1';
    return reportError(error, deps.output, debug);
  }
}

export function reportError(error: unknown, output: Output, debug: boolean): number {
  if (error instanceof CommanderError) {
    // --help and --version end with exit code 0; commander has already printed usage errors.
    return error.exitCode === 0 ? 0 : EXIT_USAGE;
  }
  if (error instanceof FaasError) {
    // Output is line-oriented; a config error lists one problem per line.
    for (const line of `Error: ${error.message}`.split('\n')) output.err(line);
    for (const cause of causes(error.cause)) output.err(`  Cause: ${cause}`);
    if (error.hint) output.err(`  Hint: ${error.hint}`);
    if (debug && error.stack) output.err(error.stack);
    return error.exitCode;
  }
  // Anything else is a bug in faas, not a user error: say so.
  output.err(`Error: unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
  if (debug && error instanceof Error && error.stack) output.err(error.stack);
  else output.err('  Hint: run again with --debug for the stack trace, and please report it.');
  return EXIT_FAILURE;
}

/** The cause chain as `Name: message` lines (SDK errors carry the AWS error code as name). */
function causes(cause: unknown, depth = 0): string[] {
  if (cause === undefined || depth >= 3) return [];
  if (cause instanceof Error) {
    // Node's connect errors can have an empty message and only a code (ECONNREFUSED).
    const message = cause.message || (cause as NodeJS.ErrnoException).code || '';
    const line = cause.name && cause.name !== 'Error' ? `${cause.name}: ${message}` : message;
    return [line, ...causes(cause.cause, depth + 1)];
  }
  return [String(cause)];
}
