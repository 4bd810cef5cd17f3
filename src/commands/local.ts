// `faas local start|stop|status`: runs the embedded local cloud in the foreground (one log line per
// request), or detached in the background with its pid and log file in the data dir.

import { spawn } from 'node:child_process';
import { existsSync, openSync, statSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import type { CommandDeps } from '../cli/deps.js';
import { FaasError, usageError } from '../errors.js';
import { DEFAULT_HOST, DEFAULT_PORT, DEFAULT_POSTGRES_PORT, HEALTH_PATH } from '../local/constants.js';
// Types only: the local cloud itself is imported when `local start` runs, so other commands
// don't pay for loading it.
import type { LocalCloud, PostgresHealth } from '../local/index.js';

export interface LocalOptions {
  port?: string;
  host?: string;
  dataDir?: string;
  ephemeral?: boolean;
  detach?: boolean;
  timeFactor?: string;
  json?: boolean;
  /** Commander's --no-postgres: false turns the hosted PostgreSQL off. */
  postgres?: boolean;
  /** Commander's --no-fsync: false skips fdatasync (writes still survive kill -9). */
  fsync?: boolean;
  postgresPort?: string;
}

/** What a detached local cloud leaves in its data dir so stop/status can find it. */
export interface LocalRunInfo {
  pid: number;
  endpoint: string;
  dataDir: string;
  logFile: string;
  startedAt: string;
}

const DEFAULT_DATA_DIR = '.faas/local';
const runInfoPath = (dataDir: string) => join(dataDir, 'local.json');

export function makeLocalCommand(deps: CommandDeps, exit: (code: number) => void): Command {
  const local = new Command('local').description('run the embedded AWS-compatible local cloud');
  const dataDir = (c: Command) => c.option('--data-dir <dir>', 'where state lives', DEFAULT_DATA_DIR);
  dataDir(
    local
      .command('start')
      .description('start the local cloud (foreground unless --detach)')
      .option('--port <port>', 'port to listen on (0 picks a free one)', String(DEFAULT_PORT))
      .option('--host <host>', 'address to bind (loopback unless you say otherwise)', DEFAULT_HOST)
      .option('--ephemeral', 'keep everything in memory')
      .option(
        '--no-fsync',
        'write state without fdatasync: survives a crash of the cloud, not of the machine',
      )
      .option('--detach', 'run in the background; pid and log file go in the data dir')
      .option(
        '--time-factor <factor>',
        'scale AWS-side delays: retries, SQS visibility and delays, schedules (0.01 = 100× faster)',
        '1',
      )
      .option(
        '--postgres-port <port>',
        `port of the hosted PostgreSQL (default ${DEFAULT_POSTGRES_PORT}; 0 when --port is 0)`,
      )
      .option('--no-postgres', 'do not host a PostgreSQL'),
  ).action(async (options: LocalOptions) => exit(await runLocalStart(options, deps)));
  dataDir(local.command('stop').description('stop a detached local cloud')).action(
    async (options: LocalOptions) => exit(await runLocalStop(options, deps)),
  );
  dataDir(local.command('status').description('show whether a local cloud is running'))
    .option('--json', 'print JSON')
    .action(async (options: LocalOptions) => exit(await runLocalStatus(options, deps)));
  return local;
}

function parsePort(text: string | undefined, flag = '--port'): number {
  const port = Number(text ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw usageError(`${flag} must be a whole number from 0 to 65535, got "${text}"`);
  }
  return port;
}

/** false: no PostgreSQL; otherwise its port, undefined for the default. */
function parsePostgres(options: LocalOptions): false | { port?: number } {
  if (options.postgres === false) return false;
  if (options.postgresPort === undefined) return {};
  return { port: parsePort(options.postgresPort, '--postgres-port') };
}

function parseFactor(text: string | undefined): number {
  const factor = Number(text ?? 1);
  if (!(factor > 0)) throw usageError(`--time-factor must be a positive number, got "${text}"`);
  return factor;
}

function portInUse(e: unknown, host: string, port: number): FaasError | undefined {
  if ((e as NodeJS.ErrnoException)?.code !== 'EADDRINUSE') return undefined;
  return new FaasError('PortInUse', `Cannot listen on ${host}:${port}: the port is already in use.`, {
    cause: e,
    hint: 'Is a local cloud already running? Check with `faas local status`, or pick another --port.',
  });
}

export async function runLocalStart(options: LocalOptions, deps: CommandDeps): Promise<number> {
  const port = parsePort(options.port);
  const host = options.host ?? DEFAULT_HOST;
  const timeFactor = parseFactor(options.timeFactor);
  const dataDir = resolve(deps.cwd, options.dataDir ?? DEFAULT_DATA_DIR);
  const postgres = parsePostgres(options);
  if (options.detach)
    return startDetached(
      { port, host, timeFactor, dataDir, ephemeral: options.ephemeral, fsync: options.fsync, postgres },
      deps,
    );

  const { startLocalCloud, EmbeddedPostgresError } = await import('../local/index.js');
  let local: LocalCloud;
  try {
    local = await startLocalCloud({
      port,
      host,
      dataDir,
      ephemeral: options.ephemeral,
      fsync: options.fsync,
      timeFactor,
      postgres,
      log: (line) => deps.output.out(`${new Date().toISOString()} ${line}`),
    });
  } catch (e) {
    if (e instanceof EmbeddedPostgresError) {
      throw new FaasError('StartFailed', `Cannot start the local cloud: ${e.message}.`, {
        hint: 'Pick another port with --postgres-port, or run without the database: --no-postgres.',
      });
    }
    throw portInUse(e, host, port) ?? e;
  }
  deps.output.out(
    `faas local cloud listening on ${local.endpoint} (data: ${options.ephemeral ? 'in memory' : dataDir})`,
  );
  if (local.postgresUrl) deps.output.out(`PostgreSQL (PGlite) at ${local.postgresUrl}`);
  deps.output.out('Press Ctrl+C to stop.');
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await local.stop();
  deps.output.out('Stopped.');
  return 0;
}

/** dist/local/main.js, whether this module runs from dist/ or (under tests) from src/. */
export function localMainPath(): string {
  const sibling = fileURLToPath(new URL('../local/main.js', import.meta.url));
  if (existsSync(sibling)) return sibling;
  return fileURLToPath(new URL('../../dist/local/main.js', import.meta.url));
}

async function startDetached(
  o: {
    port: number;
    host: string;
    timeFactor: number;
    dataDir: string;
    ephemeral?: boolean;
    fsync?: boolean;
    postgres: false | { port?: number };
  },
  deps: CommandDeps,
): Promise<number> {
  const running = await readRunInfo(o.dataDir);
  if (running && isAlive(running.pid)) {
    throw new FaasError(
      'AlreadyRunning',
      `A local cloud is already running at ${running.endpoint} (pid ${running.pid}).`,
      {
        hint: 'Stop it with `faas local stop`, or use another --data-dir.',
      },
    );
  }
  const main = localMainPath();
  if (!existsSync(main)) {
    throw new FaasError('NotBuilt', `Cannot start the local cloud: ${main} does not exist.`, {
      hint: 'Run `npm run build` first.',
    });
  }
  await mkdir(o.dataDir, { recursive: true });
  const logFile = join(o.dataDir, 'local.log');
  // Only a ready line written after this spawn counts: the log is appended across runs.
  const logStart = existsSync(logFile) ? statSync(logFile).size : 0;
  const log = openSync(logFile, 'a');
  const args = [
    main,
    '--port',
    String(o.port),
    '--host',
    o.host,
    '--data-dir',
    o.dataDir,
    '--time-factor',
    String(o.timeFactor),
  ];
  if (o.ephemeral) args.push('--ephemeral');
  if (o.fsync === false) args.push('--no-fsync');
  if (o.postgres === false) args.push('--no-postgres');
  else if (o.postgres.port !== undefined) args.push('--postgres-port', String(o.postgres.port));
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', log, log],
    env: process.env,
  });
  child.unref();
  const endpoint = await waitForReady(logFile, logStart, child.pid!, deps);
  const info: LocalRunInfo = {
    pid: child.pid!,
    endpoint,
    dataDir: o.dataDir,
    logFile,
    startedAt: new Date(deps.clock.now()).toISOString(),
  };
  await writeFile(runInfoPath(o.dataDir), JSON.stringify(info, null, 2));
  deps.output.out(`faas local cloud started at ${endpoint} (pid ${info.pid}; log ${logFile})`);
  return 0;
}

/** Waits for main.js's `ready <endpoint>` line; a child that exits first is reported with its log. */
async function waitForReady(logFile: string, from: number, pid: number, deps: CommandDeps): Promise<string> {
  const deadline = deps.clock.now() + 15_000;
  while (deps.clock.now() < deadline) {
    const fresh = (await readFile(logFile)).subarray(from).toString('utf8');
    const m = /ready (\S+) in/.exec(fresh);
    if (m) return m[1];
    if (!isAlive(pid)) {
      const tail = fresh.trim().split('\n').slice(-5).join('\n');
      throw new FaasError('StartFailed', `The local cloud exited during start-up:\n${tail}`, {
        hint: /EADDRINUSE/.test(tail)
          ? 'The port is in use: check `faas local status`, or pick another --port.'
          : `See ${logFile}.`,
      });
    }
    await deps.clock.sleep(50);
  }
  throw new FaasError('StartFailed', 'The local cloud did not report ready within 15 seconds.', {
    hint: `See ${logFile}.`,
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readRunInfo(dataDir: string): Promise<LocalRunInfo | undefined> {
  try {
    return JSON.parse(await readFile(runInfoPath(dataDir), 'utf8')) as LocalRunInfo;
  } catch {
    return undefined;
  }
}

export async function runLocalStop(options: LocalOptions, deps: CommandDeps): Promise<number> {
  const dataDir = resolve(deps.cwd, options.dataDir ?? DEFAULT_DATA_DIR);
  const info = await readRunInfo(dataDir);
  if (!info || !isAlive(info.pid)) {
    await rm(runInfoPath(dataDir), { force: true });
    deps.output.out(`No local cloud is running for ${dataDir}.`);
    return 0;
  }
  process.kill(info.pid, 'SIGTERM');
  const deadline = deps.clock.now() + 10_000;
  while (isAlive(info.pid) && deps.clock.now() < deadline) await deps.clock.sleep(50);
  // A cloud that does not stop within 10 s is killed: its journal makes that safe.
  if (isAlive(info.pid)) process.kill(info.pid, 'SIGKILL');
  await rm(runInfoPath(dataDir), { force: true });
  deps.output.out(`Stopped the local cloud at ${info.endpoint} (pid ${info.pid}).`);
  return 0;
}

export async function runLocalStatus(options: LocalOptions, deps: CommandDeps): Promise<number> {
  const dataDir = resolve(deps.cwd, options.dataDir ?? DEFAULT_DATA_DIR);
  const info = await readRunInfo(dataDir);
  const alive = info !== undefined && isAlive(info.pid);
  let services: string[] = [];
  let postgres: PostgresHealth | null = null;
  if (alive) {
    try {
      const res = await fetch(`${info.endpoint}${HEALTH_PATH}`);
      const health = (await res.json()) as { services: string[]; postgres?: PostgresHealth | null };
      services = health.services;
      postgres = health.postgres ?? null;
    } catch {
      services = [];
    }
  }
  const report = {
    running: alive && services.length > 0,
    endpoint: alive ? info.endpoint : null,
    pid: alive ? info.pid : null,
    dataDir,
    logFile: info?.logFile ?? null,
    startedAt: alive ? info.startedAt : null,
    services,
    postgres,
  };
  if (options.json) deps.output.out(JSON.stringify(report, null, 2));
  else if (report.running) {
    deps.output.out(`running at ${report.endpoint} (pid ${report.pid}, since ${report.startedAt})`);
    deps.output.out(`data dir: ${dataDir}`);
    deps.output.out(`services: ${services.join(', ')}`);
    deps.output.out(`postgres: ${describePostgres(postgres)}`);
  } else {
    deps.output.out(`not running (data dir ${dataDir})`);
    deps.output.out('Start one with `faas local start --detach`.');
  }
  return report.running ? 0 : 1;
}

function describePostgres(postgres: PostgresHealth | null): string {
  if (postgres === null) return 'not hosted (started with --no-postgres)';
  if (postgres.status === 'failed')
    return `${postgres.url} (failed to start: ${postgres.error ?? 'unknown error'})`;
  return postgres.status === 'ready' ? postgres.url : `${postgres.url} (${postgres.status})`;
}
