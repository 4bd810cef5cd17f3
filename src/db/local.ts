// Finds the PostgreSQL that a local cloud hosts, through its health endpoint: the CLI side never
// imports src/local, so this reads the same JSON `faas local status` prints.

import { FaasError } from '../errors.js';

/** The local cloud's health path (src/local/server.ts HEALTH_PATH); a test keeps the two equal. */
export const LOCAL_HEALTH_PATH = '/_faas/health';

export interface LocalPostgres {
  /** postgres://postgres:postgres@127.0.0.1:<port>/postgres: PGlite ignores the password. */
  url: string;
  status: 'starting' | 'ready' | 'failed' | 'stopped';
  error?: string;
}

/**
 * What the local cloud at `endpoint` says about its PostgreSQL: undefined when it hosts none
 * (started with --no-postgres, or an emulator that is not faas's). A URL is usable while the
 * status is still `starting`: connections wait until PGlite has booted.
 */
export async function localPostgres(
  endpoint: string,
  fetchImpl: typeof fetch = fetch,
): Promise<LocalPostgres | undefined> {
  let health: { postgres?: LocalPostgres | null };
  try {
    const res = await fetchImpl(new URL(LOCAL_HEALTH_PATH, endpoint));
    if (!res.ok) return undefined;
    health = (await res.json()) as { postgres?: LocalPostgres | null };
  } catch (cause) {
    throw new FaasError('LocalCloudUnreachable', `No local cloud answers at ${endpoint}.`, {
      cause,
      hint: 'Start one with: faas local start --detach',
    });
  }
  return health.postgres ?? undefined;
}

export interface LocalDatabaseOptions {
  fetch?: typeof fetch;
  /** How long to wait for a PostgreSQL still booting (the first boot on a machine takes ~10 s). */
  waitMs?: number;
  pollMs?: number;
}

/**
 * The hosted PostgreSQL's URL once it is ready (so a connect timeout never races its boot), or a
 * FaasError saying why there is none to use.
 */
export async function localDatabaseUrl(
  endpoint: string,
  options: LocalDatabaseOptions = {},
): Promise<string> {
  const { fetch: fetchImpl = fetch, waitMs = 60_000, pollMs = 100 } = options;
  const deadline = Date.now() + waitMs;
  let postgres = await localPostgres(endpoint, fetchImpl);
  while (postgres?.status === 'starting' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    postgres = await localPostgres(endpoint, fetchImpl);
  }
  if (postgres === undefined) {
    throw new FaasError('NoLocalDatabase', `The local cloud at ${endpoint} hosts no PostgreSQL.`, {
      hint: 'Restart it without --no-postgres, or set flows.ingest.database.url or FAAS_DATABASE_URL.',
    });
  }
  if (postgres.status === 'failed' || postgres.status === 'stopped') {
    throw new FaasError(
      'LocalDatabaseDown',
      `The local cloud's PostgreSQL ${postgres.status === 'failed' ? 'failed to start' : 'is stopped'}${postgres.error ? `: ${postgres.error}` : ''}.`,
      { hint: 'See the local cloud log (faas local status shows where), then restart it.' },
    );
  }
  if (postgres.status === 'starting') {
    throw new FaasError(
      'LocalDatabaseDown',
      `The local cloud's PostgreSQL is still starting after ${waitMs / 1000} s.`,
      {
        hint: 'See the local cloud log (faas local status shows where).',
      },
    );
  }
  return postgres.url;
}
