// src/db against a real server: PGlite through the embedded server always, and a real PostgreSQL
// when FAAS_TEST_DATABASE_URL is set. Migrations, read-only and writing queries, and each way of
// failing to connect, with the exact FaasError and never the password.

import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectDatabase,
  type DatabaseConnection,
  MIGRATIONS,
  migrate,
  queryReadOnly,
  queryWrite,
  schemaStatus,
  withDatabase,
} from '../../src/db/index.js';
import { FaasError } from '../../src/errors.js';
import { databaseTargets, type TestDatabase, withPassword } from '../helpers/databases.js';

async function caught(promise: Promise<unknown>): Promise<FaasError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FaasError);
  return error as FaasError;
}

/** A port on which nothing listens (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.each(databaseTargets)('src/db against $name', (target) => {
  let database: TestDatabase;
  let db: DatabaseConnection;

  beforeAll(async () => {
    database = await target.create();
    db = await connectDatabase(database.url);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('migrates once, then finds nothing to do', async () => {
    expect(await schemaStatus(db.client)).toEqual({ version: 0, pending: [...MIGRATIONS], unknown: [] });
    const first = await migrate(db.client);
    expect(first.applied.map((m) => m.version)).toEqual([1]);
    expect(first.version).toBe(1);
    const second = await migrate(db.client);
    expect(second).toEqual({ applied: [], version: 1, unknown: [] });
    expect(await schemaStatus(db.client)).toEqual({ version: 1, pending: [], unknown: [] });

    const columns = await db.client.query<{ column_name: string; data_type: string; is_nullable: string }>(
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_name = 'events' ORDER BY ordinal_position`,
    );
    expect(columns.rows).toEqual([
      { column_name: 'id', data_type: 'uuid', is_nullable: 'NO' },
      { column_name: 'received_at', data_type: 'timestamp with time zone', is_nullable: 'NO' },
      { column_name: 'source', data_type: 'text', is_nullable: 'NO' },
      { column_name: 'detail_type', data_type: 'text', is_nullable: 'NO' },
      { column_name: 'payload', data_type: 'jsonb', is_nullable: 'NO' },
    ]);
    const indexes = await db.client.query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE tablename = 'events' ORDER BY indexname`,
    );
    expect(indexes.rows.map((r) => r.indexdef)).toEqual([
      expect.stringMatching(/UNIQUE INDEX events_pkey ON public\.events USING btree \(id\)/),
      expect.stringMatching(/INDEX events_received_at_idx ON public\.events USING btree \(received_at\)/),
    ]);
  });

  it('applies a migration once when several run at the same time', async () => {
    const extra = [
      ...MIGRATIONS,
      { version: 2, name: 'test: counter', sql: 'CREATE TABLE migrate_race (n int)' },
    ];
    const clients = await Promise.all([1, 2, 3, 4].map(() => connectDatabase(database.url)));
    try {
      const results = await Promise.all(clients.map((c) => migrate(c.client, extra)));
      expect(results.flatMap((r) => r.applied.map((m) => m.version))).toEqual([2]);
      expect(results.every((r) => r.version === 2)).toBe(true);
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
    // A faas that only knows migration 1 sees the newer schema and says so.
    expect(await schemaStatus(db.client)).toEqual({ version: 2, pending: [], unknown: [2] });
  });

  it('rolls a failed migration back entirely and names it', async () => {
    const broken = [
      ...MIGRATIONS,
      { version: 2, name: 'test: counter', sql: 'SELECT 1' },
      { version: 3, name: 'half-good', sql: 'CREATE TABLE half_good (n int); SELECT * FROM no_such_table' },
    ];
    const error = await caught(migrate(db.client, broken));
    expect(error.code).toBe('MigrationFailed');
    expect(error.message).toBe(
      'Migration 3 (half-good) failed and was rolled back: relation "no_such_table" does not exist (SQLSTATE 42P01)',
    );
    const left = await db.client.query(`SELECT to_regclass('half_good') AS t`);
    expect(left.rows[0].t).toBeNull();
    expect((await schemaStatus(db.client, broken)).version).toBe(2);
  });

  it('reads through queryReadOnly: rows and fields', async () => {
    await db.client.query(
      `INSERT INTO events VALUES ('6f1c1a52-3d0e-4c39-9e56-3f4f0f3a7b11', '2025-01-02T03:04:05Z',
         'faas.api', 'event.received', '{"id":"6f1c1a52-3d0e-4c39-9e56-3f4f0f3a7b11","n":1}')`,
    );
    const out = await queryReadOnly(db.client, 'SELECT id, received_at, payload FROM events ORDER BY id');
    expect(out.command).toBe('SELECT');
    expect(out.rowCount).toBe(1);
    expect(out.fields).toEqual([
      { name: 'id', dataTypeID: 2950 },
      { name: 'received_at', dataTypeID: 1184 },
      { name: 'payload', dataTypeID: 3802 },
    ]);
    expect(out.rows).toEqual([
      {
        id: '6f1c1a52-3d0e-4c39-9e56-3f4f0f3a7b11',
        received_at: new Date('2025-01-02T03:04:05Z'),
        payload: { id: '6f1c1a52-3d0e-4c39-9e56-3f4f0f3a7b11', n: 1 },
      },
    ]);
  });

  it('refuses writes in read-only mode, and a second statement that could end the guard', async () => {
    const write = await caught(queryReadOnly(db.client, 'DELETE FROM events'));
    expect(write.code).toBe('ReadOnlyQuery');
    expect(write.message).toBe(
      'The statement writes, and the query ran read-only: cannot execute DELETE in a read-only transaction (SQLSTATE 25006)',
    );
    expect(write.hint).toBe('Add --write to run statements that change data.');
    const sneaky = await caught(queryReadOnly(db.client, 'COMMIT; DELETE FROM events'));
    expect(sneaky.code).toBe('QueryFailed');
    expect(sneaky.message).toBe(
      'Run one statement at a time: cannot insert multiple commands into a prepared statement (SQLSTATE 42601)',
    );
    expect((await queryReadOnly(db.client, 'SELECT count(*)::int AS n FROM events')).rows).toEqual([
      { n: 1 },
    ]);
  });

  it('writes with queryWrite, and reports a failed statement with its SQLSTATE', async () => {
    const out = await queryWrite(db.client, `UPDATE events SET source = 'changed'`);
    expect(out).toMatchObject({ command: 'UPDATE', rowCount: 1, fields: [], rows: [] });
    expect((await queryReadOnly(db.client, 'SELECT source FROM events')).rows).toEqual([
      { source: 'changed' },
    ]);
    const bad = await caught(queryWrite(db.client, 'SELECT nope FROM events'));
    expect(bad.message).toBe('The query failed: column "nope" does not exist (SQLSTATE 42703)');
    // The failed statement's transaction is gone: the connection is usable.
    expect((await queryReadOnly(db.client, 'SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('withDatabase connects, runs and closes', async () => {
    const version = await withDatabase(database.url, async (c) => {
      const { username, host, pathname } = new URL(database.url);
      expect(c.redactedUrl).toBe(`postgres://${username}:***@${host}${pathname}`);
      expect(c.tls).toBe('disable');
      return (await schemaStatus(c.client)).version;
    });
    expect(version).toBe(2);
  });

  it('reports an unreachable server without the password', async () => {
    const url = new URL(database.url);
    url.port = String(await closedPort());
    url.password = 'do-not-print-me';
    const error = await caught(connectDatabase(url.href));
    expect(error.code).toBe('DatabaseUnreachable');
    expect(error.message).toBe(
      `Cannot reach the database at postgres://${url.username}:***@127.0.0.1:${url.port}${url.pathname}: ` +
        `connect ECONNREFUSED 127.0.0.1:${url.port}`,
    );
    expect(error.hint).toBe(
      'Is the server running and reachable from here? For the local cloud: faas local status.',
    );
    expect(`${error.message} ${error.hint}`).not.toContain('do-not-print-me');
  });

  it('rejects a URL that does not parse, without echoing it', async () => {
    const error = await caught(connectDatabase('postgres://user:s3cret@host:99999/db'));
    expect(error.code).toBe('DatabaseUrlInvalid');
    expect(error.message).toBe(
      'Invalid database URL: the database URL does not parse; expected postgres://user:password@host:5432/database.',
    );
    expect(error.hint).toBe('Set the URL in flows.ingest.database.url or FAAS_DATABASE_URL.');
  });

  it.skipIf(target.name !== 'postgres')(
    'reports a wrong password clearly, without it (real server)',
    async () => {
      const wrong = withPassword(database.url, 'Wr0ng-Pa$$word');
      const error = await caught(connectDatabase(wrong));
      expect(error.code).toBe('DatabaseAuthFailed');
      const { username, host, pathname } = new URL(database.url);
      expect(error.message).toBe(
        `The database at postgres://${username}:***@${host}${pathname} refused the credentials: ` +
          `password authentication failed for user "${username}"`,
      );
      expect(error.hint).toBe(
        'Check the user and password in the database URL. Set the URL in flows.ingest.database.url or FAAS_DATABASE_URL.',
      );
      for (const form of ['Wr0ng-Pa$$word', encodeURIComponent('Wr0ng-Pa$$word')]) {
        expect(`${error.message} ${error.hint} ${error.stack}`).not.toContain(form);
      }
    },
  );

  it.skipIf(target.name !== 'pglite')('accepts any password (PGlite has no authentication)', async () => {
    const c = await connectDatabase(withPassword(database.url, 'anything'));
    expect((await queryReadOnly(c.client, 'SELECT current_user AS u')).rows).toEqual([{ u: 'postgres' }]);
    await c.close();
  });

  it.skipIf(target.name !== 'pglite')(
    'fails clearly when the URL asks for TLS (PGlite has none)',
    async () => {
      const url = new URL(database.url);
      url.searchParams.set('sslmode', 'require');
      const error = await caught(connectDatabase(url.href));
      expect(error.code).toBe('DatabaseTlsFailed');
      expect(error.message).toBe(
        `Cannot open a TLS connection to postgres://postgres:***@127.0.0.1:${url.port}/postgres?sslmode=require: ` +
          'The server does not support SSL connections',
      );
    },
  );

  it.skipIf(target.name !== 'postgres')('uses TLS when the URL asks (real server)', async () => {
    const ssl = await db.client.query<{ ssl: string }>('SHOW ssl');
    const url = new URL(database.url);
    url.searchParams.set('sslmode', 'require');
    if (ssl.rows[0]?.ssl !== 'on') {
      // A server without TLS (CI turns it on; a developer's may not): require must refuse, not fall back.
      const refused = await caught(connectDatabase(url.href));
      expect(refused.code).toBe('DatabaseTlsFailed');
      expect(refused.message).not.toContain(new URL(database.url).password);
      return;
    }
    const encrypted = await connectDatabase(url.href);
    expect(encrypted.tls).toBe('require');
    const row = await encrypted.client.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
    expect(row.rows).toEqual([{ ssl: true }]);
    await encrypted.close();
    // Debian's server certificate is self-signed: verify-full refuses it, require does not check.
    url.searchParams.set('sslmode', 'verify-full');
    const error = await caught(connectDatabase(url.href));
    expect(error.code).toBe('DatabaseTlsFailed');
    expect(error.message).toMatch(
      /^Cannot open a TLS connection to postgres:\/\/\w+:\*\*\*@.*sslmode=verify-full: /,
    );
    expect(error.message).not.toContain(new URL(database.url).password);
  });
});
