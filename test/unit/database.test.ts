// The database pieces without a database: URL parsing with libpq's sslmode meanings, redaction,
// the event → row mapping, the db handler with a fake database, migrations' order check, the CLI's
// error mapping and the local cloud's database URL. (The kept connection: pgConnection.test.ts.)

import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  databaseSettings,
  LOCAL_HEALTH_PATH,
  localDatabaseUrl,
  MIGRATIONS,
  migrate,
} from '../../src/db/index.js';
import { FaasError } from '../../src/errors.js';
import { createDbHandler } from '../../src/handlers/db.js';
import {
  DatabaseUrlError,
  parseDatabaseUrl,
  redactSecrets,
  redactUrl,
} from '../../src/handlers/lib/databaseUrl.js';
import { InvalidEventError } from '../../src/handlers/lib/errors.js';
import { INSERT_EVENT_SQL, toEventRow } from '../../src/handlers/lib/eventRow.js';
import { HEALTH_PATH } from '../../src/local/index.js';
import { context, fakeLogger } from '../fixtures/handlerFakes.js';

const ID = '6f1c1a52-3d0e-4c39-9e56-3f4f0f3a7b11';

function urlError(url: string): string {
  try {
    parseDatabaseUrl(url);
  } catch (e) {
    expect(e).toBeInstanceOf(DatabaseUrlError);
    return (e as Error).message;
  }
  throw new Error(`${url} parsed`);
}

describe('parseDatabaseUrl', () => {
  it('turns a URL into pg settings, never a connection string', () => {
    const s = parseDatabaseUrl(
      'postgresql://app:p%40ss%2Fw0rd@db.example.com:6543/events?application_name=faas',
    );
    expect(s.config).toEqual({
      host: 'db.example.com',
      port: 6543,
      user: 'app',
      password: 'p@ss/w0rd',
      database: 'events',
      ssl: false,
      application_name: 'faas',
    });
    expect(s.tls).toBe('disable');
    expect(s.redacted).toBe('postgresql://app:***@db.example.com:6543/events?application_name=faas');
    expect(s.secrets.sort()).toEqual(['p%40ss%2Fw0rd', 'p@ss/w0rd'].sort());
  });

  it('defaults the port to 5432 and the database to the user, and reads IPv6 hosts', () => {
    expect(parseDatabaseUrl('postgres://u@[::1]').config).toMatchObject({
      host: '::1',
      port: 5432,
      database: 'u',
      password: undefined,
    });
    expect(parseDatabaseUrl('postgres://u@h').secrets).toEqual([]);
  });

  it('reads sslmode as libpq does', () => {
    const tls = (q: string) => parseDatabaseUrl(`postgres://u:p@h/d${q}`);
    expect(tls('').config.ssl).toBe(false);
    expect(tls('?sslmode=disable').config.ssl).toBe(false);
    expect(tls('?sslmode=require')).toMatchObject({
      tls: 'require',
      config: { ssl: { rejectUnauthorized: false } },
    });
    expect(tls('?sslmode=no-verify').tls).toBe('require');
    const ca = tls('?sslmode=verify-ca');
    expect(ca.tls).toBe('verify-ca');
    expect((ca.config.ssl as { checkServerIdentity(): unknown }).checkServerIdentity()).toBeUndefined();
    expect(tls('?sslmode=verify-full')).toMatchObject({ tls: 'verify-full', config: { ssl: {} } });
    expect(tls('?ssl=true').tls).toBe('verify-full');
    expect(tls('?connect_timeout=3').config.connectionTimeoutMillis).toBe(3000);
  });

  it('rejects what it cannot use, with exact messages that never repeat the URL', () => {
    expect(urlError('  ')).toBe('the database URL is empty');
    expect(urlError('not a url')).toBe(
      'the database URL does not parse; expected postgres://user:password@host:5432/database',
    );
    expect(urlError('postgres://u:secret@h:99999/d')).toBe(
      'the database URL does not parse; expected postgres://user:password@host:5432/database',
    );
    expect(urlError('mysql://u:secret@h/d')).toBe(
      'the database URL must start with postgres:// or postgresql://, not mysql://',
    );
    expect(urlError('postgres://u:12/34@h/d')).toBe(
      'the database URL has an "@" after its host: percent-encode "@", "/", ":", "?" and "#" in the user and password',
    );
    expect(urlError('postgres:///d')).toBe(
      'the database URL names no host; expected postgres://user:password@host:5432/database',
    );
    expect(urlError('postgres://h/d')).toBe(
      'the database URL names no user; expected postgres://user:password@host:5432/database',
    );
    expect(urlError('postgres://u:%E0%A4%A@h/d')).toBe(
      'the database URL has a malformed %-escape in its user, password or database name',
    );
    expect(urlError('postgres://u:p@h/d?sslmode=prefer')).toBe(
      'sslmode=prefer is not supported (no fallback between TLS and plain connections); use sslmode=require or sslmode=disable',
    );
    expect(urlError('postgres://u:p@h/d?sslmode=strict')).toBe(
      'unsupported sslmode "strict"; use disable, require, verify-ca or verify-full',
    );
    expect(urlError('postgres://u:p@h/d?connect_timeout=soon')).toBe(
      'connect_timeout must be a number of seconds, got "soon"',
    );
  });

  it('takes a password given as a query parameter, and hides it', () => {
    const s = parseDatabaseUrl('postgres://u@h/d?password=hunter2&sslmode=require');
    expect(s.config.password).toBe('hunter2');
    expect(s.redacted).toBe('postgres://u@h/d?password=***&sslmode=require');
    expect(s.secrets).toEqual(['hunter2']);
  });
});

describe('redaction', () => {
  it('redactUrl hides the password of any URL, parseable or not', () => {
    expect(redactUrl('postgres://u:secret@h:5432/d')).toBe('postgres://u:***@h:5432/d');
    expect(redactUrl('postgres://u:secret@h:99999/d')).toBe('postgres://u:***@h:99999/d');
    expect(redactUrl('postgres://u:se#cr@et@h/d')).toBe('postgres://u:***@h/d');
    expect(redactUrl('postgres://u:se/cret@h/d')).toBe('postgres://u:***@h/d');
    expect(redactUrl('postgres://u@h/d?password=secret&x=1')).toBe('postgres://u@h/d?password=***&x=1');
    expect(redactUrl('postgres://u@h/d')).toBe('postgres://u@h/d');
  });

  it('redactSecrets removes every form, longest first', () => {
    expect(redactSecrets('auth p@ss and p%40ss and p@ssword', ['p@ss', 'p%40ss', 'p@ssword'])).toBe(
      'auth *** and *** and ***',
    );
    expect(redactSecrets('nothing here', [])).toBe('nothing here');
  });

  it('the CLI wraps a bad URL in a FaasError with a hint', () => {
    let error: unknown;
    try {
      databaseSettings('mysql://u:secret@h/d');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FaasError);
    expect(error).toMatchObject({
      code: 'DatabaseUrlInvalid',
      message:
        'Invalid database URL: the database URL must start with postgres:// or postgresql://, not mysql://.',
      hint: 'Set the URL in flows.ingest.database.url or FAAS_DATABASE_URL.',
    });
  });
});

const bridge = (detail: unknown, overrides: Record<string, unknown> = {}) => ({
  time: '2025-03-04T05:06:07Z',
  source: 'faas.api',
  'detail-type': 'event.received',
  detail,
  ...overrides,
});

describe('the event row', () => {
  it('maps time, source, detail-type and the detail as JSON', () => {
    expect(toEventRow(bridge({ id: ID, tags: ['a'] }))).toEqual({
      id: ID,
      receivedAt: '2025-03-04T05:06:07Z',
      source: 'faas.api',
      detailType: 'event.received',
      payload: `{"id":"${ID}","tags":["a"]}`,
    });
    expect(INSERT_EVENT_SQL).toBe(
      'INSERT INTO events (id, received_at, source, detail_type, payload) ' +
        'VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT (id) DO NOTHING',
    );
  });

  it('rejects events that could never be stored, with exact messages', () => {
    const cases: [unknown, Record<string, unknown>, string][] = [
      [[ID], {}, 'event detail is not a JSON object'],
      [{ id: 'not-a-uuid' }, {}, 'event detail has no valid id (a UUID)'],
      [{ id: ID }, { time: 'yesterday' }, 'event has no valid time'],
      [{ id: ID }, { source: '' }, 'event has no source'],
      [{ id: ID }, { 'detail-type': undefined }, 'event has no detail-type'],
    ];
    for (const [detail, overrides, message] of cases) {
      expect(() => toEventRow(bridge(detail, overrides) as never)).toThrow(new InvalidEventError(message));
    }
  });
});

describe('db handler (fake database)', () => {
  it('inserts, answers with the id and whether it inserted, and logs without the payload', async () => {
    const calls: unknown[][] = [];
    const logger = fakeLogger();
    const handler = createDbHandler({
      database: {
        query: async (text, values) => {
          calls.push([text, values]);
          return { rowCount: calls.length === 1 ? 1 : 0 };
        },
      },
      logger,
    });
    const event = {
      ...bridge({ id: ID, card: '4111' }),
      version: '0',
      id: 'e',
      account: '1',
      region: 'r',
      resources: [],
    };
    expect(await handler(event, context)).toEqual({ id: ID, inserted: true });
    expect(await handler(event, context)).toEqual({ id: ID, inserted: false });
    expect(calls[0]).toEqual([
      INSERT_EVENT_SQL,
      [ID, '2025-03-04T05:06:07Z', 'faas.api', 'event.received', `{"id":"${ID}","card":"4111"}`],
    ]);
    expect(logger.records.map((r) => [r.message, r.attributes])).toEqual([
      ['event inserted', [{ eventId: ID }]],
      ['event already in the database', [{ eventId: ID }]],
    ]);
  });

  it('touches no database for an invalid event', async () => {
    const handler = createDbHandler({
      database: { query: async () => expect.fail('no query expected') },
      logger: fakeLogger(),
    });
    await expect(handler(bridge({ id: 'x' }) as never, context)).rejects.toBeInstanceOf(InvalidEventError);
  });
});

describe('migrations and the local database', () => {
  it('are numbered from 1 upwards; out-of-order lists are refused before any SQL', async () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual([1]);
    const client = { query: async () => expect.fail('no SQL expected') } as unknown as pg.Client;
    await expect(
      migrate(client, [
        { version: 2, name: 'b', sql: '' },
        { version: 1, name: 'a', sql: '' },
      ]),
    ).rejects.toMatchObject({ code: 'MigrationOrder' });
  });

  it('finds the local cloud database through the health path both sides agree on', async () => {
    expect(LOCAL_HEALTH_PATH).toBe(HEALTH_PATH);
    const answer = (...bodies: unknown[]) =>
      (async () =>
        new Response(JSON.stringify(bodies.length > 1 ? bodies.shift() : bodies[0]))) as typeof fetch;
    const url = 'postgres://postgres:postgres@127.0.0.1:4510/postgres';
    const booting = answer({ postgres: { url, status: 'starting' } }, { postgres: { url, status: 'ready' } });
    expect(await localDatabaseUrl('http://x', { fetch: booting, pollMs: 1 })).toBe(url);
    await expect(
      localDatabaseUrl('http://x', { fetch: answer({ postgres: { url, status: 'starting' } }), waitMs: 0 }),
    ).rejects.toMatchObject({
      code: 'LocalDatabaseDown',
      message: "The local cloud's PostgreSQL is still starting after 0 s.",
    });
    await expect(localDatabaseUrl('http://x', { fetch: answer({ postgres: null }) })).rejects.toMatchObject({
      code: 'NoLocalDatabase',
      message: 'The local cloud at http://x hosts no PostgreSQL.',
    });
    await expect(
      localDatabaseUrl('http://x', {
        fetch: answer({ postgres: { url, status: 'failed', error: 'disk full' } }),
      }),
    ).rejects.toMatchObject({
      code: 'LocalDatabaseDown',
      message: "The local cloud's PostgreSQL failed to start: disk full.",
    });
    const refused = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    await expect(localDatabaseUrl('http://x', { fetch: refused })).rejects.toMatchObject({
      code: 'LocalCloudUnreachable',
    });
  });
});
