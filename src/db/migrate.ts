// The events schema, as numbered migrations recorded in `faas_migrations`. Each migration runs in
// its own transaction under a transaction-level advisory lock, so two `faas up`s at once apply it
// once; running migrate again is a no-op. Migrations are append-only: never edit a shipped one.

import type pg from 'pg';
import { FaasError } from '../errors.js';
import { statementFailure } from './connect.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events table',
    sql: `
      CREATE TABLE events (
        id uuid PRIMARY KEY,
        received_at timestamptz NOT NULL,
        source text NOT NULL,
        detail_type text NOT NULL,
        payload jsonb NOT NULL
      );
      CREATE INDEX events_received_at_idx ON events (received_at);
    `,
  },
];

/** "faas" in ASCII: the advisory lock every faas migration takes (pg_advisory_xact_lock's key). */
export const MIGRATION_LOCK_KEY = 0x66616173;

const CREATE_HISTORY = `CREATE TABLE IF NOT EXISTS faas_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

export interface MigrateResult {
  /** What this run applied, in order; empty when the schema was already current. */
  applied: Migration[];
  /** The highest version recorded after the run. */
  version: number;
  /** Versions recorded by a newer faas that this one does not know (its schema is ahead). */
  unknown: number[];
}

export interface SchemaStatus {
  version: number;
  pending: Migration[];
  unknown: number[];
}

/** Reads which migrations are applied, changing nothing (`faas status`). */
export async function schemaStatus(
  client: pg.ClientBase,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<SchemaStatus> {
  let applied: number[] = [];
  try {
    const exists = await client.query<{ t: string | null }>(
      `SELECT to_regclass('faas_migrations')::text AS t`,
    );
    if (exists.rows[0]?.t) applied = await appliedVersions(client);
  } catch (error) {
    throw statementFailure(client, error, 'DatabaseError', 'Cannot read the schema version');
  }
  return summarize(applied, migrations);
}

export async function migrate(
  client: pg.ClientBase,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrateResult> {
  checkOrder(migrations);
  const applied: Migration[] = [];
  let versions: number[] = [];
  for (const migration of migrations) {
    try {
      await client.query('BEGIN');
      // Held until COMMIT/ROLLBACK: a concurrent migrate waits here, then sees this one's work.
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      await client.query(CREATE_HISTORY);
      versions = await appliedVersions(client);
      if (!versions.includes(migration.version)) {
        await client.query(migration.sql);
        await client.query('INSERT INTO faas_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
        versions.push(migration.version);
        applied.push(migration);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw statementFailure(
        client,
        error,
        'MigrationFailed',
        `Migration ${migration.version} (${migration.name}) failed and was rolled back`,
        'Nothing of this migration was applied. Fix the cause and run `faas db migrate` again.',
      );
    }
  }
  const { version, unknown } = summarize(versions, migrations);
  return { applied, version, unknown };
}

async function appliedVersions(client: pg.ClientBase): Promise<number[]> {
  const result = await client.query<{ version: number }>(
    'SELECT version FROM faas_migrations ORDER BY version',
  );
  return result.rows.map((r) => r.version);
}

function summarize(applied: number[], migrations: readonly Migration[]): SchemaStatus {
  const known = new Set(migrations.map((m) => m.version));
  return {
    version: applied.length === 0 ? 0 : Math.max(...applied),
    pending: migrations.filter((m) => !applied.includes(m.version)),
    unknown: applied.filter((v) => !known.has(v)),
  };
}

/** A programming error, caught by the unit tests: versions must be unique and ascending. */
function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (!Number.isInteger(m.version) || m.version < 1 || (i > 0 && m.version <= migrations[i - 1]!.version)) {
      throw new FaasError(
        'MigrationOrder',
        `migration versions must ascend from 1; ${m.version} is out of order`,
      );
    }
  });
}
