// The local cloud's PostgreSQL (PGlite over the wire protocol) through the unchanged pg driver:
// many clients sharing PGlite's one session safely, clean-up after clients that vanish, restarts
// and kill -9 with rows intact, and the URL published by LocalCloud and /_faas/health.

import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CommandDeps } from '../../src/cli/deps.js';
import { runLocalStart, runLocalStatus, runLocalStop } from '../../src/commands/local.js';
import { FaasError } from '../../src/errors.js';
import {
  type EmbeddedPostgres,
  HEALTH_PATH,
  startEmbeddedPostgres,
  startLocalCloud,
} from '../../src/local/index.js';
import { type LocalProcess, spawnLocalCloud } from '../helpers/localProcess.js';

const URL_SHAPE = /^postgres:\/\/postgres:postgres@127\.0\.0\.1:\d+\/postgres$/;
const cleanups: (() => Promise<unknown>)[] = [];
const clients: pg.Client[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.end().catch(() => {})));
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(options: Parameters<typeof startEmbeddedPostgres>[0] = {}): Promise<EmbeddedPostgres> {
  const pgs = await startEmbeddedPostgres(options);
  cleanups.push(() => pgs.stop());
  return pgs;
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'faas-pglite-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function client(url: string): Promise<pg.Client> {
  const c = new pg.Client(url);
  c.on('error', () => {});
  await c.connect();
  clients.push(c);
  return c;
}

/** Resolves with the next 'error' a client emits while idle (the server ended its connection). */
const nextError = (c: pg.Client) =>
  new Promise<Error & { code?: string }>((resolve) => c.once('error', resolve));

describe('the embedded PostgreSQL server', () => {
  it('answers at a URL that is final before PGlite has booted', async () => {
    const pgs = await server();
    expect(pgs.url).toMatch(URL_SHAPE);
    expect(pgs.url).toBe(`postgres://postgres:postgres@127.0.0.1:${pgs.port}/postgres`);
    // Connecting at once is fine: the handshake waits for the boot.
    const c = await client(pgs.url);
    const { rows } = await c.query('SELECT version() AS v, current_database() AS db');
    expect(rows[0].v).toMatch(/^PostgreSQL \d+\.\d+ \(PGlite /);
    expect(rows[0].db).toBe('postgres');
    expect(pgs.status).toBe('ready');
  });

  it('keeps clients apart even when one sends a message larger than a socket read', async () => {
    const pgs = await server();
    const [a, b] = [await client(pgs.url), await client(pgs.url)];
    await a.query('CREATE TABLE big (id int PRIMARY KEY, v text)');
    const large = 'x'.repeat(300_000);
    const failures: string[] = [];
    await Promise.all([
      (async () => {
        for (let i = 0; i < 20; i++) {
          const r = await a.query('INSERT INTO big VALUES ($1, $2) RETURNING id', [i, large]);
          if (r.rows[0]?.id !== i) failures.push(`a ${i}`);
        }
      })(),
      (async () => {
        for (let i = 0; i < 200; i++) {
          const r = await b.query('SELECT $1::text AS name, 42 AS n', [`b${i}`]);
          if (r.rows[0]?.name !== `b${i}`) failures.push(`b ${i}`);
        }
      })(),
    ]);
    expect(failures).toEqual([]);
    expect((await b.query('SELECT count(*)::int AS n FROM big')).rows).toEqual([{ n: 20 }]);
  });

  it('runs one transaction at a time: others wait for the commit, then see it', async () => {
    const pgs = await server();
    const [a, b] = [await client(pgs.url), await client(pgs.url)];
    await a.query('CREATE TABLE t (n int)');
    await a.query('BEGIN');
    await a.query('INSERT INTO t VALUES (1)');
    let seen: number | undefined;
    const reading = b.query('SELECT count(*)::int AS n FROM t').then((r) => {
      seen = r.rows[0].n;
    });
    await a.query('INSERT INTO t VALUES (2)');
    expect(seen).toBeUndefined();
    await a.query('COMMIT');
    await reading;
    expect(seen).toBe(2);
  });

  it('rolls back what a client that vanished left open', async () => {
    const pgs = await server();
    const [a, gone] = [await client(pgs.url), await client(pgs.url)];
    await a.query('CREATE TABLE t (n int)');
    await gone.query('BEGIN');
    await gone.query('INSERT INTO t VALUES (1)');
    (gone as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    expect((await a.query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 0 }]);
    await a.query('INSERT INTO t VALUES (2)');
    expect((await a.query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 1 }]);
  });

  it('drops every client on terminateConnections, as pg_terminate_backend does', async () => {
    const pgs = await server();
    const c = await client(pgs.url);
    const dropped = nextError(c);
    await pgs.terminateConnections();
    expect(await dropped).toMatchObject({
      code: '57P01',
      message: 'terminating connection due to administrator command',
    });
    expect(pgs.connectionCount()).toBe(0);
    expect((await (await client(pgs.url)).query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('disconnects a client that sits idle inside a transaction', async () => {
    const pgs = await server({ idleInTransactionMs: 50 });
    const [idle, other] = [await client(pgs.url), await client(pgs.url)];
    const dropped = nextError(idle);
    await idle.query('BEGIN');
    expect(await dropped).toMatchObject({
      code: '25P03',
      message: 'terminating connection due to idle-in-transaction timeout',
    });
    expect((await other.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('keeps its rows across a restart, and refuses a second server on the same files', async () => {
    const dataDir = join(await tempDir(), 'postgres');
    const first = await startEmbeddedPostgres({ dataDir });
    const c = await client(first.url);
    await c.query('CREATE TABLE kept (n int)');
    await c.query('INSERT INTO kept VALUES (1), (2)');
    await expect(startEmbeddedPostgres({ dataDir })).rejects.toMatchObject({
      name: 'EmbeddedPostgresError',
      message: `the PostgreSQL data dir ${dataDir} is already open in this process`,
    });
    await first.stop();
    const second = await server({ dataDir, port: first.port });
    const again = await client(second.url);
    expect((await again.query('SELECT sum(n)::int AS s FROM kept')).rows).toEqual([{ s: 3 }]);
  });
});

describe('the local cloud hosting it', () => {
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('publishes the URL in-process and on /_faas/health, and keeps rows across a restart', async () => {
    const dataDir = await tempDir();
    let local = await startLocalCloud({ port: 0, dataDir, postgres: true });
    expect(local.postgresUrl).toMatch(URL_SHAPE);
    const c = await client(local.postgresUrl!);
    await c.query('CREATE TABLE kept (n int)');
    await c.query('INSERT INTO kept VALUES (7)');
    const health = (await (await fetch(`${local.endpoint}${HEALTH_PATH}`)).json()) as Record<string, unknown>;
    expect(health['postgres']).toEqual({ url: local.postgresUrl, status: 'ready' });
    expect(existsSync(join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
    await c.end();
    await local.stop();

    local = await startLocalCloud({ port: 0, dataDir, postgres: true });
    cleanups.push(() => local.stop());
    const again = await client(local.postgresUrl!);
    expect((await again.query('SELECT n FROM kept')).rows).toEqual([{ n: 7 }]);
  });

  it('fails to start, saying which port, when the PostgreSQL port is taken', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => busy.close(resolve)));
    const port = (busy.address() as { port: number }).port;
    const deps = {
      output: { out: () => {}, err: () => {}, isTTY: false },
      cwd: tmpdir(),
    } as unknown as CommandDeps;
    const error = await runLocalStart({ port: '0', postgresPort: String(port), ephemeral: true }, deps).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FaasError);
    expect(error).toMatchObject({
      code: 'StartFailed',
      message: `Cannot start the local cloud: cannot listen on 127.0.0.1:${port} for PostgreSQL: the port is already in use.`,
      hint: 'Pick another port with --postgres-port, or run without the database: --no-postgres.',
    });
  });

  it('hosts none unless asked, and says so', async () => {
    const local = await startLocalCloud({ port: 0, ephemeral: true });
    cleanups.push(() => local.stop());
    expect(local.postgresUrl).toBeUndefined();
    const health = (await (await fetch(`${local.endpoint}${HEALTH_PATH}`)).json()) as Record<string, unknown>;
    expect(health['postgres']).toBeNull();
  });

  it('faas local start --detach hosts it and faas local status shows its URL', async () => {
    const dataDir = await tempDir();
    const lines: string[] = [];
    const deps = {
      output: { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l), isTTY: false },
      cwd: dataDir,
      clock: { now: () => Date.now(), sleep: (ms: number) => new Promise((r) => setTimeout(r, ms)) },
    } as unknown as CommandDeps;
    expect(await runLocalStart({ detach: true, port: '0', postgresPort: '0', dataDir }, deps)).toBe(0);
    cleanups.push(() => runLocalStop({ dataDir }, deps));
    lines.length = 0;
    expect(await runLocalStatus({ dataDir }, deps)).toBe(0);
    const shown = lines.find((l) => l.startsWith('postgres: '));
    expect(shown).toMatch(
      /^postgres: postgres:\/\/postgres:postgres@127\.0\.0\.1:\d+\/postgres( \(starting\))?$/,
    );
    const c = await client(shown!.split(' ')[1]!);
    expect((await c.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('keeps committed rows through kill -9 of the local cloud process', async () => {
    const dataDir = await tempDir();
    let proc = await spawnLocalCloud(dataDir, ['--postgres-port', '0', '--quiet']);
    cleanups.push(() => proc.stop());
    const c = await client(await postgresLine(proc));
    await c.query('CREATE TABLE kept (n int)');
    for (let n = 1; n <= 50; n++) await c.query('INSERT INTO kept VALUES ($1)', [n]);
    await proc.kill9();

    proc = await spawnLocalCloud(dataDir, ['--postgres-port', '0', '--quiet']);
    const again = await client(await postgresLine(proc));
    expect((await again.query('SELECT count(*)::int AS n, sum(n)::int AS s FROM kept')).rows).toEqual([
      { n: 50, s: 1275 },
    ]);
  });
});

/** main.js prints `postgres <url>` right after its ready line; wait for it. */
async function postgresLine(proc: LocalProcess): Promise<string> {
  for (;;) {
    const url = /^postgres (\S+)$/m.exec(proc.output())?.[1];
    if (url) return url;
    if (proc.child.exitCode !== null) throw new Error(`local cloud exited:\n${proc.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
