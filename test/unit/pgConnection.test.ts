// The db handler's kept connection with fake pg clients (reuse, reconnect-and-retry once, the
// password never shown) and its secrets from SSM through a fake Powertools provider.

import { EventEmitter } from 'node:events';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/handlers/lib/errors.js';
import { type ParameterProvider, SecureParameter } from '../../src/handlers/lib/parameters.js';
import { DatabaseError, isConnectionLost, PgConnection } from '../../src/handlers/lib/pgConnection.js';
import { TOKEN_MAX_AGE_SECONDS, TOKEN_PARAMETER, tokenReader } from '../../src/handlers/lib/token.js';
import { fakeLogger } from '../fixtures/handlerFakes.js';

/** A stand-in for pg.Client: `script` answers each query in turn (a value or an error to throw). */
class FakeClient extends EventEmitter {
  ended = false;
  constructor(
    private readonly script: (unknown | Error)[],
    private readonly connectError?: Error,
  ) {
    super();
  }
  async connect() {
    if (this.connectError) throw this.connectError;
  }
  async query() {
    const next = this.script.shift();
    if (next instanceof Error) throw next;
    return next;
  }
  async end() {
    this.ended = true;
  }
}

const sqlError = (code: string, message: string, severity = 'ERROR') =>
  Object.assign(new Error(message), { code, severity });

function connection(clients: FakeClient[], onConnectFailed = () => {}) {
  const made: FakeClient[] = [];
  const logger = fakeLogger();
  const conn = new PgConnection({
    url: async () => 'postgres://app:topsecret@db:5432/app',
    onConnectFailed,
    logger,
    newClient: () => {
      const c = clients.shift()!;
      made.push(c);
      return c as unknown as pg.Client;
    },
  });
  return { conn, made, logger };
}

describe('PgConnection', () => {
  it('keeps one connection across queries', async () => {
    const { conn, made } = connection([new FakeClient([{ rowCount: 1 }, { rowCount: 0 }])]);
    expect((await conn.query('q')).rowCount).toBe(1);
    expect((await conn.query('q')).rowCount).toBe(0);
    expect(made).toHaveLength(1);
  });

  it('replaces a kept connection found dead, retrying the statement once', async () => {
    const stale = new FakeClient([{ rowCount: 1 }, new Error('Connection terminated unexpectedly')]);
    const { conn, made, logger } = connection([stale, new FakeClient([{ rowCount: 1 }])]);
    await conn.query('q');
    expect((await conn.query('q')).rowCount).toBe(1);
    expect(made).toHaveLength(2);
    expect(stale.ended).toBe(true);
    expect(logger.records.map((r) => r.message)).toContain('kept database connection was lost; reconnecting');
  });

  it('does not retry on a connection it just opened, nor after a statement error', async () => {
    const { conn, made } = connection([
      new FakeClient([new Error('Connection terminated unexpectedly')]),
      new FakeClient([sqlError('22P02', 'invalid input syntax for type uuid'), { rowCount: 1 }]),
    ]);
    await expect(conn.query('q')).rejects.toMatchObject({
      name: 'DatabaseError',
      message:
        'database connection lost (postgres://app:***@db:5432/app): Connection terminated unexpectedly',
    });
    await expect(conn.query('q')).rejects.toMatchObject({ code: '22P02' });
    // A statement error leaves the connection in use.
    expect((await conn.query('q')).rowCount).toBe(1);
    expect(made).toHaveLength(2);
  });

  it('drops a connection that reports an error while idle', async () => {
    const first = new FakeClient([{ rowCount: 1 }]);
    const { conn, made } = connection([first, new FakeClient([{ rowCount: 1 }])]);
    await conn.query('q');
    first.emit('error', sqlError('57P01', 'terminating connection due to administrator command', 'FATAL'));
    await conn.query('q');
    expect(made).toHaveLength(2);
  });

  it('asks for a fresh URL after a failed connect, and never shows the password', async () => {
    let refreshed = 0;
    const refused = sqlError('28P01', 'password authentication failed for user "app" (topsecret)', 'FATAL');
    const { conn, logger } = connection([new FakeClient([], refused)], () => refreshed++);
    const error = await conn.query('q').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    expect(error).toMatchObject({
      code: '28P01',
      message:
        'cannot connect to the database (postgres://app:***@db:5432/app): password authentication failed for user "app" (***)',
    });
    expect(refreshed).toBe(1);
    expect(JSON.stringify(logger.records)).not.toContain('topsecret');
  });

  it('classifies connection failures apart from statement failures', () => {
    expect(isConnectionLost(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(
      true,
    );
    expect(isConnectionLost(sqlError('57P01', 'admin shutdown', 'FATAL'))).toBe(true);
    expect(isConnectionLost(sqlError('08006', 'connection failure'))).toBe(true);
    expect(isConnectionLost(sqlError('23505', 'duplicate key'))).toBe(false);
    expect(isConnectionLost('not an error')).toBe(false);
  });
});

function provider(values: (string | undefined)[]) {
  const calls: [string, unknown][] = [];
  const p = {
    get: async (name: string, options: unknown) => {
      calls.push([name, options]);
      return values.shift();
    },
  } as unknown as ParameterProvider;
  return { p, calls };
}

describe('SSM parameters', () => {
  it('SecureParameter reads decrypted with a max age, and force-fetches after refresh()', async () => {
    const { p, calls } = provider(['a', 'b']);
    const secret = new SecureParameter(p, () => '/x/url', 'DATABASE_URL_PARAMETER', 600);
    expect(await secret.value()).toBe('a');
    secret.refresh();
    expect(await secret.value()).toBe('b');
    expect(calls).toEqual([
      ['/x/url', { decrypt: true, maxAge: 600, forceFetch: false }],
      ['/x/url', { decrypt: true, maxAge: 600, forceFetch: true }],
    ]);
  });

  it('SecureParameter fails loudly when unset or empty', async () => {
    await expect(
      new SecureParameter(provider([]).p, () => undefined, 'DATABASE_URL_PARAMETER').value(),
    ).rejects.toThrow(new ConfigurationError('DATABASE_URL_PARAMETER is not set'));
    await expect(
      new SecureParameter(provider(['']).p, () => '/x', 'DATABASE_URL_PARAMETER').value(),
    ).rejects.toThrow(new ConfigurationError('parameter /x (DATABASE_URL_PARAMETER) is empty'));
  });

  it('the api token comes from TOKEN_PARAMETER when set, else from TOKEN', async () => {
    const { p, calls } = provider(['from-ssm']);
    const read = tokenReader(p);
    process.env['TOKEN'] = 'from-env';
    try {
      expect(await read()).toBe('from-env');
      process.env[TOKEN_PARAMETER] = '/demo/ingest/token';
      expect(await read()).toBe('from-ssm');
      expect(calls).toEqual([
        ['/demo/ingest/token', { decrypt: true, maxAge: TOKEN_MAX_AGE_SECONDS, forceFetch: false }],
      ]);
    } finally {
      delete process.env['TOKEN'];
      delete process.env[TOKEN_PARAMETER];
    }
  });
});
