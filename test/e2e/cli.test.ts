// The built CLI, spawned as a user runs it: `faas demo` (the README's main job), then a detached
// local cloud: deploy, send, verify, tear down, stop. Needs `npm run build` (npm test runs it first).

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const FAAS = fileURLToPath(new URL('../../bin/faas', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

let dir: string;

async function faas(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [FAAS, ...args], { cwd: dir, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof err.code === 'number' ? err.code : -1,
      stdout: err.stdout ?? '',
      stderr: err.stderr ?? '',
    };
  }
}

beforeAll(() => {
  if (!existsSync(DIST)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'faas-e2e-'));
});

afterAll(async () => {
  await faas('local', 'stop');
  rmSync(dir, { recursive: true, force: true });
});

describe('faas, as a user runs it', () => {
  it('says how to start a local cloud when none answers', async () => {
    writeFileSync(
      join(dir, '.faasrc.json'),
      JSON.stringify({ project: 'e2e', target: 'local', endpoint: 'http://127.0.0.1:9' }),
    );
    const res = await faas('status');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('faas local start --detach');
  });

  it('local start --detach → up → send → verify → down → local stop', async () => {
    const started = await faas('local', 'start', '--detach', '--port', '0');
    expect(started.code).toBe(0);
    const status = await faas('local', 'status', '--json');
    expect(status.code).toBe(0);
    const { endpoint, services, postgres } = JSON.parse(status.stdout) as {
      endpoint: string;
      services: string[];
      postgres: { url: string } | null;
    };
    expect(services).toEqual(expect.arrayContaining(['lambda', 's3', 'events', 'apigateway', 'iam', 'logs']));
    // The hosted PostgreSQL is on by default; with --port 0 its port is a free one too.
    expect(postgres?.url).toMatch(/^postgres:\/\/postgres:postgres@127\.0\.0\.1:\d+\/postgres$/);
    writeFileSync(join(dir, '.faasrc.json'), JSON.stringify({ project: 'e2e', target: 'local', endpoint }));

    const up = await faas('up', '--yes');
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(up.stdout).toMatch(
      /Ingest endpoint: POST http:\/\/127\.0\.0\.1:\d+\/_aws\/execute-api\/\w+\/events/,
    );

    const send = await faas('send', '--count', '20', '--concurrency', '4');
    expect(send.code).toBe(0);
    expect(send.stdout).toContain('accepted 20, failed 0');

    const verify = await faas('verify', '--last');
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain('20 found, 0 missing, 0 different');

    const down = await faas('down', '--yes', '--force');
    expect(down.code).toBe(0);
    const after = await faas('status', '--json');
    const report = JSON.parse(after.stdout) as { resources: { state: string }[] };
    expect(report.resources.every((r) => r.state === 'missing')).toBe(true);

    const stopped = await faas('local', 'stop');
    expect(stopped.code).toBe(0);
    expect((await faas('local', 'status')).code).toBe(1);
  });

  it('demo runs every step on its own local cloud and leaves nothing behind', async () => {
    const demo = await faas('demo', '--count', '5');
    expect(demo.stderr).toBe('');
    expect(demo.code).toBe(0);
    const summary = demo.stdout.slice(demo.stdout.lastIndexOf('\nSummary\n'));
    expect(
      summary
        .split('\n')
        .filter((l) => /^ {2}(ok|FAIL)/.test(l))
        .map((l) => l.replace(/ \([\d.]+ s\)$/, '')),
    ).toEqual([
      '  ok    Provision the pipeline',
      '  ok    Provision again (nothing to change)',
      '  ok    Send 5 events',
      '  ok    Verify every event reached S3 and PostgreSQL',
      '  ok    Count the rows in PostgreSQL',
      '  ok    Send 5 webhooks in 2 groups',
      '  ok    Verify every webhook was processed once, in order per group',
      '  ok    Show the queues and functions',
      '  ok    Tear everything down',
    ]);
    expect(demo.stdout).toContain('5 found, 0 missing, 0 different');
    expect(demo.stdout).toContain('5 processed, 0 missing, 0 duplicated, 0 groups out of order');
    // Its temporary project and data dir are gone.
    const root = /data in (\S+)\)/.exec(demo.stdout)?.[1];
    expect(root).toBeDefined();
    expect(existsSync(root!)).toBe(false);
  });
});
