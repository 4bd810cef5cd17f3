// One PostgreSQL connection per execution environment: opened on first use, kept across warm
// invocations, replaced when it drops (a restarted server, an idle timeout, the dead socket of an
// environment that was frozen). Every error leaving here is a DatabaseError without the password.

import pg from 'pg';
import { type DatabaseSettings, DatabaseUrlError, parseDatabaseUrl, redactSecrets } from './databaseUrl.js';
import type { Queryable } from './eventRow.js';
import type { HandlerLogger } from './ingest.js';

/** A failed connect or statement. `code` is the SQLSTATE, or Node's errno for network failures. */
export class DatabaseError extends Error {
  readonly code: string | undefined;

  constructor(message: string, code: string | undefined) {
    super(message);
    this.name = 'DatabaseError';
    this.code = code;
  }
}

export interface PgConnectionDeps {
  /** The database URL; asked for whenever a connection is opened. */
  url(): Promise<string>;
  /** Connecting failed: the URL may be stale (rotated password, moved server), so re-read it. */
  onConnectFailed?(): void;
  logger: HandlerLogger;
  newClient?(config: pg.ClientConfig): pg.Client;
  /** Unless the URL sets connect_timeout: an unreachable host must fail before Lambda's timeout. */
  connectTimeoutMs?: number;
}

interface Open {
  client: pg.Client;
  settings: DatabaseSettings;
}

/**
 * query() retries once, on a fresh connection, when a connection kept from an earlier invocation
 * turns out to be dead. That is only safe for idempotent statements, which is all the db handler
 * runs (INSERT … ON CONFLICT DO NOTHING).
 */
export class PgConnection implements Queryable {
  private current: Open | undefined;
  private opening: Promise<Open> | undefined;

  constructor(private readonly deps: PgConnectionDeps) {}

  async query(text: string, values?: unknown[]): Promise<pg.QueryResult> {
    const reused = this.current !== undefined;
    const open = await this.open();
    try {
      return await open.client.query(text, values);
    } catch (error) {
      if (!isConnectionLost(error)) throw this.failure('database statement failed', error, open.settings);
      this.drop(open.client);
      if (!reused) throw this.failure('database connection lost', error, open.settings);
      this.deps.logger.warn('kept database connection was lost; reconnecting', { code: errorCode(error) });
    }
    const fresh = await this.open();
    try {
      return await fresh.client.query(text, values);
    } catch (error) {
      if (isConnectionLost(error)) this.drop(fresh.client);
      throw this.failure('database statement failed', error, fresh.settings);
    }
  }

  /** Closes the connection (tests, and a clean shutdown); the next query opens a new one. */
  async close(): Promise<void> {
    const open = this.current;
    this.current = undefined;
    await open?.client.end().catch(() => {});
  }

  private open(): Promise<Open> {
    if (this.current) return Promise.resolve(this.current);
    // Concurrent callers (not the case under Lambda, one invocation at a time) share one connect.
    this.opening ??= this.connect().finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  private async connect(): Promise<Open> {
    const url = await this.deps.url();
    let settings: DatabaseSettings;
    try {
      settings = parseDatabaseUrl(url);
    } catch (error) {
      this.deps.onConnectFailed?.();
      if (error instanceof DatabaseUrlError) {
        this.deps.logger.error('database URL is unusable', { error: error.message });
        throw new DatabaseError(error.message, 'InvalidDatabaseUrl');
      }
      throw error;
    }
    const config: pg.ClientConfig = {
      ...settings.config,
      connectionTimeoutMillis: settings.config.connectionTimeoutMillis ?? this.deps.connectTimeoutMs ?? 5000,
      keepAlive: true,
    };
    const client = this.deps.newClient ? this.deps.newClient(config) : new pg.Client(config);
    // Without an 'error' listener, a connection that drops while idle would crash the process.
    client.on('error', (error) => {
      this.deps.logger.warn('database connection dropped', {
        code: errorCode(error),
        error: redactSecrets(describe(error), settings.secrets),
      });
      this.drop(client);
    });
    client.on('end', () => this.drop(client));
    try {
      await client.connect();
    } catch (error) {
      this.deps.onConnectFailed?.();
      client.end().catch(() => {});
      throw this.failure('cannot connect to the database', error, settings);
    }
    this.current = { client, settings };
    this.deps.logger.info('database connected', { database: settings.redacted, tls: settings.tls });
    return this.current;
  }

  private drop(client: pg.Client): void {
    if (this.current?.client === client) this.current = undefined;
    client.end().catch(() => {});
  }

  /** Logs and returns the error to throw; both say where (redacted URL) and why, never the password. */
  private failure(action: string, error: unknown, settings: DatabaseSettings): DatabaseError {
    const code = errorCode(error);
    const reason = redactSecrets(describe(error), settings.secrets);
    this.deps.logger.error(action, { database: settings.redacted, code, error: reason });
    // The URL is redacted by construction and the reason scrubbed, so the message is safe as built.
    return new DatabaseError(`${action} (${settings.redacted}): ${reason}`, code);
  }
}

/**
 * The connection, not the statement, failed: network errors (no SQLSTATE), class 08 (connection
 * exception), 57P01–57P03 (server shutting down or restarting), or any FATAL from the server.
 */
export function isConnectionLost(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, severity } = error as Error & { code?: unknown; severity?: unknown };
  if (severity === 'FATAL' || severity === 'PANIC') return true;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code))
    return code.startsWith('08') || /^57P0[123]$/.test(code);
  return true;
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Node reports a refused dual-stack connect as an AggregateError with an empty message. */
function describe(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') {
    return error.errors.map((e) => describe(e)).join('; ') || 'connection failed';
  }
  if (error instanceof Error) return error.message || errorCode(error) || error.name;
  return String(error);
}
