// The local cloud's PostgreSQL: PGlite (PostgreSQL 18 compiled to WebAssembly) served over the
// PostgreSQL wire protocol on a loopback port, so the db Lambda and the CLI use the unchanged pg
// driver exactly as against a real server. The port listens at once and its URL is final from
// the start; PGlite boots in the background and connections made meanwhile simply wait for it.
//
// Why not @electric-sql/pglite-socket's PGLiteSocketServer: it accepts one connection unless told
// otherwise and, with more, interleaves connections per message; only explicit transaction
// blocks are kept together, so two clients' Parse/Bind/Execute/Sync sequences can mix (PGlite
// reports no transaction between Parse and Sync). Here a connection holds the one session from
// its first message until PGlite answers ReadyForQuery "idle" (see lease.ts), which covers both.
//
// What differs from a real server (documented for users of the local URL):
// - no authentication: any user name and password are accepted (PGlite has no auth), so a wrong
//   password can only be tested against a real server;
// - one database (`postgres`) whatever the URL names, and no TLS (sslmode=require fails);
// - one session shared by all connections: transactions are isolated by running one at a time,
//   but session state (SET, named prepared statements, session-level advisory locks, temp
//   tables, LISTEN) is shared. Transaction-level advisory locks work as usual.

import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { ADMIN_SHUTDOWN, ClientConnection } from './connection.js';
import { EmbeddedPostgresError, type Log, lockDataDir, openDatabase } from './database.js';
import { SessionLease } from './lease.js';

export const POSTGRES_USER = 'postgres';
export const POSTGRES_PASSWORD = 'postgres';
export const POSTGRES_DATABASE = 'postgres';
export const DEFAULT_POSTGRES_HOST = '127.0.0.1';

export interface EmbeddedPostgresOptions {
  /** Where the database lives (created if missing); omitted, it is in memory. */
  dataDir?: string;
  /** Loopback by default: the server has no authentication. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  log?: Log;
  /** A client idle inside a transaction this long is disconnected (0 disables); default 60 s. */
  idleInTransactionMs?: number;
}

export type EmbeddedPostgresStatus = 'starting' | 'ready' | 'failed' | 'stopped';

export interface EmbeddedPostgres {
  /** `postgres://postgres:postgres@127.0.0.1:<port>/postgres`: valid from the start. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly status: EmbeddedPostgresStatus;
  /** Why the database could not start, when status is `failed`. */
  readonly error: string | undefined;
  /** Resolves once PGlite has booted; rejects if it cannot. */
  whenReady(): Promise<void>;
  /** Client connections currently open. */
  connectionCount(): number;
  /** Disconnects every client as pg_terminate_backend would; the server keeps accepting. */
  terminateConnections(): Promise<void>;
  /** Disconnects everyone, stops listening and closes the database (its files stay). */
  stop(): Promise<void>;
}

export function embeddedPostgresUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  const hostPart = reachable.includes(':') ? `[${reachable}]` : reachable;
  return `postgres://${POSTGRES_USER}:${POSTGRES_PASSWORD}@${hostPart}:${port}/${POSTGRES_DATABASE}`;
}

export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => {});
  const host = options.host ?? DEFAULT_POSTGRES_HOST;
  const lease = new SessionLease();
  const connections = new Set<ClientConnection>();
  let nextId = 1;
  let status: EmbeddedPostgresStatus = 'starting';
  let error: string | undefined;
  let opened: { db: PGlite; close(): Promise<void> } | undefined;

  // Before listening: a data dir that another local cloud has open fails the start at once.
  const unlock = await lockDataDir(options.dataDir);
  const server: Server = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (cause) {
    await unlock();
    if ((cause as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw cause;
    throw new EmbeddedPostgresError(
      `cannot listen on ${host}:${options.port ?? 0} for PostgreSQL: the port is already in use`,
      { cause },
    );
  }
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;

  const started = performance.now();
  const opening = openDatabase(options.dataDir, unlock, log).then(
    (result) => {
      opened = result;
      if (status === 'starting') status = 'ready';
      log(`embedded PostgreSQL ready in ${(performance.now() - started).toFixed(0)} ms`);
      return result.db;
    },
    (cause: unknown) => {
      status = 'failed';
      error = cause instanceof Error ? cause.message : String(cause);
      log(`embedded PostgreSQL failed to start: ${error}`);
      throw cause;
    },
  );
  // Nobody may be waiting yet; the failure is kept in status/error and re-raised to waiters.
  opening.catch(() => {});

  server.on('connection', (socket: Socket) => {
    if (status === 'stopped') {
      socket.destroy();
      return;
    }
    const connection = new ClientConnection(nextId++, socket, {
      database: () => opening,
      lease,
      idleInTransactionMs: options.idleInTransactionMs ?? 60_000,
      log,
      onClosed: (c) => connections.delete(c),
    });
    connections.add(connection);
  });

  const terminateAll = async () => {
    await Promise.all([...connections].map((c) => c.terminate(ADMIN_SHUTDOWN)));
  };

  return {
    url: embeddedPostgresUrl(host, port),
    host,
    port,
    get status() {
      return status;
    },
    get error() {
      return error;
    },
    async whenReady() {
      await opening;
    },
    connectionCount: () => connections.size,
    terminateConnections: terminateAll,
    async stop() {
      if (status === 'stopped') return;
      status = 'stopped';
      const closing = new Promise<void>((resolve) => server.close(() => resolve()));
      await terminateAll();
      await closing;
      await opening.catch(() => {});
      await opened?.close();
      log('embedded PostgreSQL stopped');
    },
  };
}
