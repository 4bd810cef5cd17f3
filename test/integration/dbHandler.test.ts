// The db handler module for real: its URL read from SSM (the local cloud's, SecureString) through
// Powertools Parameters, pg against PGlite (always) and a real PostgreSQL (FAAS_TEST_DATABASE_URL),
// logs through a real Powertools Logger. Redelivery, concurrency, dropped connections, a database
// that goes down and comes back, and the password never in a log line or an error.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Logger } from '@aws-lambda-powertools/logger';
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { EventBridgeEvent } from 'aws-lambda';
import { unzipSync } from 'fflate';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/index.js';
import {
  createDbHandler,
  DATABASE_URL_PARAMETER,
  type DbHandler,
  environmentConnection,
} from '../../src/handlers/db.js';
import type { PgConnection } from '../../src/handlers/lib/pgConnection.js';
import { type LocalCloud, startEmbeddedPostgres, startLocalCloud } from '../../src/local/index.js';
import { buildFunctionArtifact } from '../../src/release/artifact.js';
import { HANDLER_FILE } from '../../src/release/bundle.js';
import { context } from '../fixtures/handlerFakes.js';
import { databaseTargets, type TestDatabase, withPassword } from '../helpers/databases.js';

let local: LocalCloud;
let ssm: SSMClient;
let ssmCalls = 0;
let counter = 0;
const logs: string[] = [];
const environments: PgConnection[] = [];
const originalWrite = { out: process.stdout.write, err: process.stderr.write };

beforeAll(async () => {
  local = await startLocalCloud({ port: 0, ephemeral: true });
  ssm = new SSMClient({
    endpoint: local.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  ssm.middlewareStack.add(
    (next) => async (args) => {
      ssmCalls++;
      return next(args);
    },
    { step: 'initialize', name: 'countCalls' },
  );
  // Powertools' Logger writes JSON lines to stdout/stderr: keep every line (to search for secrets)
  // instead of printing it.
  const capture = ((chunk: unknown) => {
    logs.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  process.stdout.write = capture;
  process.stderr.write = capture;
});

afterEach(async () => {
  await Promise.all(environments.splice(0).map((e) => e.close()));
});

afterAll(async () => {
  process.stdout.write = originalWrite.out;
  process.stderr.write = originalWrite.err;
  await local.stop();
});

/** A parameter holding `url` as a SecureString; returns its name. */
async function storeUrl(url: string, name = `/faas-test/db-${process.pid}-${++counter}/database-url`) {
  await ssm.send(new PutParameterCommand({ Name: name, Value: url, Type: 'SecureString', Overwrite: true }));
  return name;
}

/** One Lambda execution environment: its own Logger, SSM provider (cache) and connection. */
function environment(parameterName: string): DbHandler {
  process.env[DATABASE_URL_PARAMETER] = parameterName;
  const logger = new Logger({ serviceName: 'faas-db-test' });
  const connection = environmentConnection(new SSMProvider({ awsSdkV3Client: ssm }), logger);
  environments.push(connection);
  return createDbHandler({ database: connection, logger });
}

function event(id: string, detail: Record<string, unknown> = {}): EventBridgeEvent<string, unknown> {
  return {
    version: '0',
    id: `bus-${id}`,
    'detail-type': 'event.received',
    source: 'faas.api',
    account: '000000000000',
    time: '2025-03-04T05:06:07Z',
    region: 'us-east-1',
    resources: [],
    detail: { ...detail, id },
  };
}

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

async function rows(url: string, id: string) {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const result = await client.query(
      'SELECT id, received_at, source, detail_type, payload FROM events WHERE id = $1',
      [id],
    );
    return result.rows;
  } finally {
    await client.end();
  }
}

describe.each(databaseTargets)('db handler against $name', (target) => {
  let database: TestDatabase;
  let parameter: string;
  let password: string;

  beforeAll(async () => {
    database = await target.create();
    password = decodeURIComponent(new URL(database.url).password);
    const admin = new pg.Client(database.url);
    await admin.connect();
    await migrate(admin);
    await admin.end();
    parameter = await storeUrl(database.url);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('writes the event as one row, and a redelivery adds nothing', async () => {
    const handler = environment(parameter);
    const id = uuid(1);
    expect(await handler(event(id, { order: 42, tags: ['a', 'b'] }), context)).toEqual({
      id,
      inserted: true,
    });
    expect(await handler(event(id, { order: 42, tags: ['a', 'b'] }), context)).toEqual({
      id,
      inserted: false,
    });
    expect(await rows(database.url, id)).toEqual([
      {
        id,
        received_at: new Date('2025-03-04T05:06:07Z'),
        source: 'faas.api',
        detail_type: 'event.received',
        payload: { order: 42, tags: ['a', 'b'], id },
      },
    ]);
  });

  it('makes exactly one row when several environments get the same event at once', async () => {
    const handlers = [1, 2, 3, 4, 5, 6].map(() => environment(parameter));
    const id = uuid(2);
    const results = await Promise.all(handlers.map((h) => h(event(id), context)));
    expect(results.filter((r) => r.inserted)).toHaveLength(1);
    expect(await rows(database.url, id)).toHaveLength(1);
  });

  it('reads the URL from SSM once per environment and keeps one connection', async () => {
    const handler = environment(parameter);
    const before = ssmCalls;
    for (let n = 10; n < 13; n++) await handler(event(uuid(n)), context);
    expect(ssmCalls - before).toBe(1);
    expect(logs.join('').match(/"message":"database connected"/g)?.length).toBeGreaterThan(0);
  });

  it('reconnects on the next invocation after the server dropped the connection', async () => {
    const handler = environment(parameter);
    await handler(event(uuid(20)), context);
    const connectsBefore = countLogs('database connected');
    await database.terminateConnections();
    expect(await handler(event(uuid(21)), context)).toEqual({ id: uuid(21), inserted: true });
    expect(countLogs('database connected')).toBe(connectsBefore + 1);
  });

  it('rejects a URL that does not parse, and does not print it', async () => {
    const bad = await storeUrl('postgres://user:not-this-one@host:99999/db');
    const handler = environment(bad);
    await expect(handler(event(uuid(30)), context)).rejects.toMatchObject({
      name: 'DatabaseError',
      code: 'InvalidDatabaseUrl',
      message: 'the database URL does not parse; expected postgres://user:password@host:5432/database',
    });
    expect(logs.join('')).not.toContain('not-this-one');
  });

  it.skipIf(target.name !== 'postgres')(
    'fails on a wrong password without printing it, and heals once the parameter is fixed',
    async () => {
      const wrong = 'Wr0ng-But-Secret';
      const name = await storeUrl(withPassword(database.url, wrong));
      const handler = environment(name);
      const { username, host, pathname } = new URL(database.url);
      const error = await handler(event(uuid(40)), context).catch((e: Error & { code?: string }) => e);
      expect(error).toMatchObject({
        name: 'DatabaseError',
        code: '28P01',
        message:
          `cannot connect to the database (postgres://${username}:***@${host}${pathname}): ` +
          `password authentication failed for user "${username}"`,
      });
      expect(`${(error as Error).stack}`).not.toContain(wrong);
      expect(logs.join('')).not.toContain(wrong);
      // The failed connect made the environment re-read the parameter: fixing it is enough.
      await storeUrl(database.url, name);
      expect(await handler(event(uuid(40)), context)).toEqual({ id: uuid(40), inserted: true });
    },
  );

  it('never logged the password', () => {
    if (password !== '' && password !== 'postgres') expect(logs.join('')).not.toContain(password);
    expect(logs.join('')).toContain(':***@');
  });
});

describe('db handler when the embedded PostgreSQL goes down and comes back', () => {
  it('fails while it is down (so the async retries apply) and inserts once it is back', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'faas-db-down-'));
    let server = await startEmbeddedPostgres({ dataDir });
    try {
      const admin = new pg.Client(server.url);
      await admin.connect();
      await migrate(admin);
      await admin.end();
      const handler = environment(await storeUrl(server.url));
      await handler(event(uuid(50)), context);

      await server.stop();
      const down = await handler(event(uuid(51)), context).catch((e: Error & { code?: string }) => e);
      expect(down).toMatchObject({
        name: 'DatabaseError',
        code: 'ECONNREFUSED',
        message: `cannot connect to the database (postgres://postgres:***@127.0.0.1:${server.port}/postgres): connect ECONNREFUSED 127.0.0.1:${server.port}`,
      });

      // The same port and files: the URL in SSM is still right, and the rows are still there.
      server = await startEmbeddedPostgres({ dataDir, port: server.port });
      expect(await handler(event(uuid(51)), context)).toEqual({ id: uuid(51), inserted: true });
      expect(await rows(server.url, uuid(50))).toHaveLength(1);
      expect(await rows(server.url, uuid(51))).toHaveLength(1);
    } finally {
      await Promise.all(environments.splice(0).map((e) => e.close()));
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
      await rm(`${dataDir}.pid`, { force: true });
    }
  });
});

describe('the bundled db zip', () => {
  it('is small, self-contained, and inserts through its bundled pg with the URL from SSM', async () => {
    const artifact = await buildFunctionArtifact('db', { cache: false });
    expect(artifact.size).toBeLessThan(300 * 1024);
    const dir = await mkdtemp(join(tmpdir(), 'faas-db-zip-'));
    const server = await startEmbeddedPostgres();
    const env = { ...process.env };
    try {
      const admin = new pg.Client(server.url);
      await admin.connect();
      await migrate(admin);
      await admin.end();
      const file = join(dir, HANDLER_FILE);
      await writeFile(file, unzipSync(artifact.zip)[HANDLER_FILE]!);
      // What the local cloud gives a function: its endpoint, region and credentials.
      Object.assign(process.env, {
        [DATABASE_URL_PARAMETER]: await storeUrl(server.url),
        AWS_ENDPOINT_URL: local.endpoint,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
      });
      const mod = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { handler: DbHandler };
      expect(await mod.handler(event(uuid(60)), context)).toEqual({ id: uuid(60), inserted: true });
      expect(await mod.handler(event(uuid(60)), context)).toEqual({ id: uuid(60), inserted: false });
      expect(await rows(server.url, uuid(60))).toHaveLength(1);
    } finally {
      process.env = env;
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

function countLogs(message: string): number {
  return logs.join('').split(`"message":"${message}"`).length - 1;
}
