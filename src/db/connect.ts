// The CLI's way into PostgreSQL (`faas up`'s migration, `faas db migrate|query`): parse the URL
// exactly as the db handler does, connect with pg (TLS when the URL asks), and turn every failure
// into a FaasError that says where and why — with the password redacted from all of it.

import pg from 'pg';
import { FaasError } from '../errors.js';
import {
  type DatabaseSettings,
  DatabaseUrlError,
  parseDatabaseUrl,
  redactSecrets,
} from '../handlers/lib/databaseUrl.js';

export { redactUrl, type TlsMode } from '../handlers/lib/databaseUrl.js';

export const URL_HINT = 'Set the URL in flows.ingest.database.url or FAAS_DATABASE_URL.';
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

export interface DatabaseConnection {
  client: pg.Client;
  /** The URL with its password replaced by `***`. */
  redactedUrl: string;
  tls: DatabaseSettings['tls'];
  close(): Promise<void>;
}

/** Parses a database URL or throws FaasError `DatabaseUrlInvalid` (the URL is never echoed). */
export function databaseSettings(url: string): DatabaseSettings {
  try {
    return parseDatabaseUrl(url);
  } catch (error) {
    if (error instanceof DatabaseUrlError) {
      throw new FaasError('DatabaseUrlInvalid', `Invalid database URL: ${error.message}.`, {
        hint: URL_HINT,
      });
    }
    throw error;
  }
}

/** Secrets of each client connectDatabase opened, so later statement errors are scrubbed too. */
const secretsByClient = new WeakMap<pg.ClientBase, readonly string[]>();

export function secretsOf(client: pg.ClientBase): readonly string[] {
  return secretsByClient.get(client) ?? [];
}

export async function connectDatabase(
  url: string,
  options: { connectTimeoutMs?: number; applicationName?: string } = {},
): Promise<DatabaseConnection> {
  const settings = databaseSettings(url);
  const client = new pg.Client({
    ...settings.config,
    application_name: settings.config.application_name ?? options.applicationName ?? 'faas',
    connectionTimeoutMillis:
      settings.config.connectionTimeoutMillis ?? options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
  });
  secretsByClient.set(client, settings.secrets);
  // A connection that drops while idle emits 'error'; unheard, it would crash the CLI.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw connectFailure(error, settings);
  }
  return {
    client,
    redactedUrl: settings.redacted,
    tls: settings.tls,
    close: () => client.end().catch(() => {}),
  };
}

/** Connects, runs `work`, and always closes. */
export async function withDatabase<T>(url: string, work: (db: DatabaseConnection) => Promise<T>): Promise<T> {
  const db = await connectDatabase(url);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'EAI_AGAIN',
]);
const TLS_CODES =
  /^(ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|CERT_)/;

function connectFailure(error: unknown, settings: DatabaseSettings): FaasError {
  const where = settings.redacted;
  const reason = redactSecrets(describeError(error), settings.secrets);
  const code = errorCode(error);
  // `where` is redacted by construction and `reason` was scrubbed: the message is safe as built.
  const fail = (faasCode: string, message: string, hint: string) =>
    new FaasError(faasCode, message, { hint });
  if (code === '28P01' || code === '28000') {
    return fail(
      'DatabaseAuthFailed',
      `The database at ${where} refused the credentials: ${reason}`,
      `Check the user and password in the database URL. ${URL_HINT}`,
    );
  }
  if (code === '3D000') {
    return fail('DatabaseNotFound', `The database at ${where} does not exist: ${reason}`, URL_HINT);
  }
  if ((code !== undefined && TLS_CODES.test(code)) || /\b(SSL|TLS)\b|certificate/i.test(reason)) {
    return fail(
      'DatabaseTlsFailed',
      `Cannot open a TLS connection to ${where}: ${reason}`,
      'sslmode=require encrypts without checking the certificate; verify-full also checks it against ' +
        "Node's trusted CAs (NODE_EXTRA_CA_CERTS adds more); sslmode=disable turns TLS off.",
    );
  }
  if ((code !== undefined && UNREACHABLE.has(code)) || isUnreachable(error) || /timeout/i.test(reason)) {
    return fail(
      'DatabaseUnreachable',
      `Cannot reach the database at ${where}: ${reason}`,
      'Is the server running and reachable from here? For the local cloud: faas local status.',
    );
  }
  return fail('DatabaseConnectFailed', `Cannot connect to the database at ${where}: ${reason}`, URL_HINT);
}

/** A statement failed: the FaasError carries the SQLSTATE and the server's own words, scrubbed. */
export function statementFailure(
  client: pg.ClientBase,
  error: unknown,
  faasCode: string,
  what: string,
  hint?: string,
): FaasError {
  const code = errorCode(error);
  const reason = redactSecrets(describeError(error), secretsOf(client));
  const message = `${what}: ${reason}${code && /^[0-9A-Z]{5}$/.test(code) ? ` (SQLSTATE ${code})` : ''}`;
  return new FaasError(faasCode, message, { hint });
}

export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

function isUnreachable(error: unknown): boolean {
  return error instanceof AggregateError && error.errors.some((e) => UNREACHABLE.has(errorCode(e) ?? ''));
}

/** Node reports a refused dual-stack connect as an AggregateError with an empty message. */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') {
    return error.errors.map(describeError).join('; ') || 'connection failed';
  }
  if (error instanceof Error) return error.message || errorCode(error) || error.name;
  return String(error);
}
