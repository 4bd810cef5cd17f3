// The PostgreSQL servers the database tests run against: PGlite served by the embedded server,
// always; and a real PostgreSQL when FAAS_TEST_DATABASE_URL is set (.ci/run sets it). Each test
// file gets its own empty database, so files never see each other's rows.

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../src/local/index.js';

export interface TestDatabase {
  url: string;
  /** Drops every client connection server-side, as pg_terminate_backend does. */
  terminateConnections(): Promise<void>;
  /** Removes the database (PGlite: stops its server). */
  drop(): Promise<void>;
  /** Only for PGlite: the server, so tests can stop and restart it. */
  embedded?: EmbeddedPostgres;
}

export interface DatabaseTarget {
  name: 'pglite' | 'postgres';
  create(): Promise<TestDatabase>;
}

const pglite: DatabaseTarget = {
  name: 'pglite',
  async create() {
    const embedded = await startEmbeddedPostgres();
    return {
      url: embedded.url,
      embedded,
      terminateConnections: () => embedded.terminateConnections(),
      drop: () => embedded.stop(),
    };
  },
};

function realServer(adminUrl: string): DatabaseTarget {
  return {
    name: 'postgres',
    async create() {
      const name = `faas_t_${randomBytes(6).toString('hex')}`;
      await asAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const terminate = () =>
        asAdmin(adminUrl, (admin) =>
          admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]),
        ).then(() => {});
      return {
        url: url.href,
        terminateConnections: terminate,
        async drop() {
          await terminate();
          await asAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name}`));
        },
      };
    },
  };
}

async function asAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const realUrl = process.env['FAAS_TEST_DATABASE_URL'];

export const databaseTargets: DatabaseTarget[] = realUrl ? [pglite, realServer(realUrl)] : [pglite];

/** The same URL with another password: for the wrong-password cases (real server only). */
export function withPassword(url: string, password: string): string {
  const u = new URL(url);
  u.password = encodeURIComponent(password);
  return u.href;
}
