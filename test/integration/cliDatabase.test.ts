// The ingest flow's database path end to end, in-process, against the real local cloud with its
// PostgreSQL: up (migrates, deploys db) → send → verify in S3 and PostgreSQL → db query → status
// → idempotent up → down; and the faults: a bad URL, an unreachable server, a wrong password
// (real server only), the database down while events flow, and one event delivered twice.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvokeCommand, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { GetParametersByPathCommand } from '@aws-sdk/client-ssm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsClients } from '../../src/aws/clients.js';
import { redactUrl } from '../../src/db/index.js';
import { type LocalCloud, startLocalCloud } from '../../src/local/index.js';
import { inProcessCli, localClients } from '../helpers/cliHarness.js';
import { withPassword } from '../helpers/databases.js';

let local: LocalCloud;
let clients: AwsClients;
const dirs: string[] = [];
const id = () => Math.random().toString(36).slice(2, 10);
/** Every project's runs: each passes its own directory. */
const { faasWith, counters } = inProcessCli();

/** A project directory with its .faasrc.json; `run` and `runWith` (an env) run commands in it. */
function project(extra: Record<string, unknown> = {}) {
  const name = `db${id()}`;
  const dir = mkdtempSync(join(tmpdir(), 'faas-clidb-'));
  dirs.push(dir);
  writeFileSync(
    join(dir, '.faasrc.json'),
    JSON.stringify({ project: name, target: 'local', endpoint: local.endpoint, ...extra }),
  );
  const runWith = (env: Record<string, string>, ...args: string[]) => faasWith({ cwd: dir, env }, ...args);
  return { name, dir, run: (...args: string[]) => runWith({}, ...args), runWith };
}

async function leftovers(name: string): Promise<string[]> {
  const fns = (await clients.lambda.send(new ListFunctionsCommand({}))).Functions ?? [];
  const params = await clients.ssm.send(
    new GetParametersByPathCommand({ Path: `/${name}`, Recursive: true }),
  );
  return [
    ...fns.map((f) => f.FunctionName ?? '').filter((n) => n.startsWith(`${name}-`)),
    ...(params.Parameters ?? []).map((p) => p.Name ?? ''),
  ];
}

/** A TCP proxy in front of the local PostgreSQL that can be taken down and brought back. */
async function startProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  const listen = (port: number) =>
    new Promise<number>((resolve) =>
      server.listen(port, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
    );
  const port = await listen(0);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
    start: () => listen(port),
  };
}

beforeAll(async () => {
  // Lambda's async retries (1 and 2 minutes apart) become 3 and 6 seconds.
  local = await startLocalCloud({ port: 0, ephemeral: true, postgres: true, timeFactor: 0.05 });
  await local.postgres!.whenReady();
  clients = localClients(local.endpoint);
}, 120_000);

afterAll(async () => {
  await local?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('faas with PostgreSQL on the local cloud', () => {
  it('up → send → verify in S3 and PostgreSQL → db query → status → up again → down', async () => {
    const p = project();
    const up = await p.run('up', '--yes');
    expect(up.err).toEqual([]);
    expect(up.code).toBe(0);
    expect(up.out).toContain(
      `Database ${redactUrl(local.postgresUrl!)}: schema version 1, applied 1 (events table).`,
    );
    expect(up.out).toContain('  created function ' + `${p.name}-ingest-db`);

    const send = await p.run('send', '--count', '20', '--concurrency', '4');
    if (send.code !== 0) {
      const logs = await p.run('logs', 'api', '--since', '10m');
      console.log(
        'send failed; api function log:',
        send.err,
        logs.out.filter((l) => /error|Error|timed|Exit|REPORT/.test(l)).slice(0, 30),
      );
    }
    expect(send.code).toBe(0);
    const verify = await p.run('verify', '--last', '--timeout', '30s');
    expect(verify.err).toEqual([]);
    expect(verify.code).toBe(0);
    expect(verify.out.at(-1)).toBe('S3: 20 found, 0 missing; PostgreSQL: 20 found, 0 missing');

    const query = await p.run('db', 'query', 'select count(*) as n from events');
    expect(query.code).toBe(0);
    expect(query.out).toEqual(['  n', '  20', '(1 row)']);
    const json = await p.run('db', 'query', 'select count(*)::int as n from events', '--json');
    expect(JSON.parse(json.out.join('\n'))).toEqual([{ n: 20 }]);
    const refused = await p.run('db', 'query', 'delete from events');
    expect(refused.code).toBe(1);
    expect(refused.err[0]).toBe(
      'Error: The statement writes, and the query ran read-only: cannot execute DELETE in a read-only transaction (SQLSTATE 25006)',
    );

    const status = await p.run('status');
    expect(status.code).toBe(0);
    expect(status.out).toContain(
      `Database: ${redactUrl(local.postgresUrl!)} (from the local cloud): schema version 1, 20 rows in events`,
    );

    const again = await p.run('up', '--yes');
    expect(again.code).toBe(0);
    expect(counters.at(-1)!.mutatingCalls()).toEqual([]);
    expect(again.out.at(-1)).toBe('Nothing to change: everything is up to date.');

    const down = await p.run('down', '--yes', '--force');
    expect(down.code).toBe(0);
    expect(down.out).toContain('Done: 19 deleted.');
    expect(await leftovers(p.name)).toEqual([]);
    // The user's table and rows are not faas's to delete.
    expect((await p.run('db', 'query', 'select count(*) as n from events')).out[1]).toBe('  20');
  }, 120_000);

  it('a URL that does not parse stops up and db migrate, without printing the password', async () => {
    const p = project();
    const env = { FAAS_DATABASE_URL: 'postgres://app:s3cret-pw@' };
    for (const args of [
      ['up', '--yes'],
      ['db', 'migrate'],
    ]) {
      const r = await p.runWith(env, ...args);
      expect(r.code).toBe(1);
      expect(r.err).toEqual([
        'Error: Invalid database URL in FAAS_DATABASE_URL: the database URL does not parse; expected postgres://user:password@host:5432/database.',
        '  Hint: Set the URL in flows.ingest.database.url or FAAS_DATABASE_URL.',
      ]);
      expect([...r.out, ...r.err].join('\n')).not.toContain('s3cret-pw');
    }
    expect(await leftovers(p.name)).toEqual([]);
  });

  it('an unreachable database stops up before anything is created', async () => {
    const proxy = await startProxy({ host: '127.0.0.1', port: local.postgres!.port });
    await proxy.stop();
    const url = proxy.url.replace('postgres:postgres@', 'app:unreach-pw@');
    const p = project({ flows: { ingest: { database: { url } } } });
    for (const args of [
      ['up', '--yes'],
      ['db', 'migrate'],
    ]) {
      const r = await p.run(...args);
      expect(r.code).toBe(1);
      expect(r.err[0]).toMatch(
        new RegExp(`^Error: Cannot reach the database at ${escapeRegExp(redactUrl(url))}: .*ECONNREFUSED`),
      );
      expect([...r.out, ...r.err].join('\n')).not.toContain('unreach-pw');
    }
    expect(await leftovers(p.name)).toEqual([]);
  });

  it.runIf(process.env['FAAS_TEST_DATABASE_URL'])(
    'a wrong password stops up and db migrate with the server refusing, password not printed',
    async () => {
      const url = withPassword(process.env['FAAS_TEST_DATABASE_URL']!, 'wr0ng-pw-xyz');
      const p = project({ flows: { ingest: { database: { url } } } });
      for (const args of [
        ['up', '--yes'],
        ['db', 'migrate'],
      ]) {
        const r = await p.run(...args);
        expect(r.code).toBe(1);
        expect(r.err[0]).toMatch(
          new RegExp(`^Error: The database at ${escapeRegExp(redactUrl(url))} refused the credentials: `),
        );
        expect([...r.out, ...r.err].join('\n')).not.toContain('wr0ng-pw-xyz');
      }
      expect(await leftovers(p.name)).toEqual([]);
    },
  );

  it('the database down: the db invocation fails, is retried, and the row appears once it is back', async () => {
    const proxy = await startProxy({ host: '127.0.0.1', port: local.postgres!.port });
    const p = project({ flows: { ingest: { database: { url: proxy.url } } } });
    expect((await p.run('up', '--yes')).code).toBe(0);
    // Checked past the proxy: what the db function cannot reach, verify still can.
    const direct = { FAAS_DATABASE_URL: local.postgresUrl! };

    await proxy.stop();
    expect((await p.run('send', '--data', '{"order":42}')).code).toBe(0);
    const during = await p.runWith(direct, 'verify', '--last', '--timeout', '500ms');
    expect(during.code).toBe(1);
    expect(during.out.at(-1)).toBe('S3: 1 found, 0 missing; PostgreSQL: 0 found, 1 missing');

    await proxy.start();
    const after = await p.runWith(direct, 'verify', '--last', '--timeout', '30s');
    expect(after.out.at(-1)).toBe('S3: 1 found, 0 missing; PostgreSQL: 1 found, 0 missing');
    expect(after.code).toBe(0);
    await proxy.stop();
    await p.runWith(direct, 'down', '--yes', '--force');
  }, 120_000);

  it('the same event delivered twice to the db function makes exactly one row', async () => {
    const p = project();
    expect((await p.run('up', '--yes')).code).toBe(0);
    const eventId = crypto.randomUUID();
    const event = {
      version: '0',
      id: crypto.randomUUID(),
      'detail-type': 'event.received',
      source: 'faas.api',
      account: '000000000000',
      time: new Date().toISOString(),
      region: 'us-east-1',
      resources: [],
      detail: { id: eventId, twice: true },
    };
    const invoke = async () => {
      const res = await clients.lambda.send(
        new InvokeCommand({
          FunctionName: `${p.name}-ingest-db`,
          Qualifier: 'live',
          Payload: new TextEncoder().encode(JSON.stringify(event)),
        }),
      );
      expect(res.FunctionError).toBeUndefined();
      return JSON.parse(new TextDecoder().decode(res.Payload));
    };
    expect(await invoke()).toEqual({ id: eventId, inserted: true });
    expect(await invoke()).toEqual({ id: eventId, inserted: false });
    const client = new pg.Client(local.postgresUrl);
    await client.connect();
    try {
      const rows = await client.query('select payload from events where id = $1', [eventId]);
      expect(rows.rows).toEqual([{ payload: { id: eventId, twice: true } }]);
    } finally {
      await client.end();
    }
    await p.run('down', '--yes', '--force');
  }, 120_000);
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
