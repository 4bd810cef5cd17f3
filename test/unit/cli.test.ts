// The CLI's one error handler and exit codes: message/cause/hint for FaasError, a stack only
// with --debug, 1 for failures, 2 for usage errors (commander's included).
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../src/aws/clients.js';
import { main } from '../../src/cli.js';
import { BASE_CONFIG, type Harness, harness } from './fake/harness.js';

let h: Harness;
beforeEach(() => {
  h = harness();
});
afterEach(() => h.cleanup());

const run = (...args: string[]) => main(['node', 'faas', ...args], h.deps);

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('exit codes', () => {
  it('--help and --version exit 0', async () => {
    expect(await run('--help')).toBe(0);
    expect(h.out.join('\n')).toContain('Usage: faas [options] [command]');
    expect(await run('--version')).toBe(0);
    expect(h.out).toContain('0.1.0');
  });

  it('commander usage errors exit 2', async () => {
    expect(await run('deploy')).toBe(2);
    expect(h.err[0]).toBe("error: unknown command 'deploy'\n(Did you mean demo?)");
    expect(await run('up', '--fast')).toBe(2);
    expect(h.err).toContain("error: unknown option '--fast'");
    expect(await run()).toBe(2);
  });

  it('a bad flag value is a usage error', async () => {
    expect(await run('status', '--region', 'eu-west-9')).toBe(2);
    expect(h.err[0]).toBe(`Error: Invalid configuration in ${h.dir}/.faasrc.json (1 problem):`);
    expect(h.err[1]).toBe('  - --region: "eu-west-9" is not a known AWS region (did you mean "eu-west-1"?)');
  });

  it('runs a command and returns its code', async () => {
    expect(await run('up', '--yes')).toBe(0);
    expect(await run('status', '--json')).toBe(0);
    const report = JSON.parse(h.out.slice(h.out.indexOf('{')).join('\n'));
    expect(report).toMatchObject({ project: 'demo', inSync: true, ingest: { token: { source: 'secrets' } } });
    expect(report.ingest.token.value).toBeUndefined();
  });
});

describe('error report', () => {
  it('prints message and hint, without a stack unless --debug', async () => {
    expect(await run('status', '--config', 'missing.json')).toBe(1);
    expect(h.err).toEqual([
      `Error: No configuration file at ${h.dir}/missing.json`,
      '  Hint: Check the path given to --config.',
    ]);

    h.err.length = 0;
    expect(await run('status', '--config', 'missing.json', '--debug')).toBe(1);
    expect(h.err[2]).toMatch(/^FaasError: No configuration file at .*\n\s+at /);
  });

  it('prints the cause chain', async () => {
    h.writeConfig({ ...BASE_CONFIG, profile: 'nope' });
    h.fake.fail('GetCallerIdentityCommand', () =>
      Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      }),
    );
    expect(await run('status')).toBe(1);
    expect(h.err).toEqual([
      'Error: No AWS credentials found for profile "nope"',
      '  Cause: CredentialsProviderError: Could not load credentials from any providers',
      '  Hint: Run `aws configure` or `aws sso login`, or set AWS_PROFILE / --profile; to work without AWS use "target": "local".',
    ]);
  });

  it('says a local cloud is not running, and how to start it', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    h.writeConfig({ project: 'demo', target: 'local', endpoint });
    const deps = { ...h.deps, createClients: createAwsClients };
    expect(await main(['node', 'faas', 'status'], deps)).toBe(1);
    expect(h.err[0]).toBe(`Error: Nothing answers at ${endpoint}`);
    expect(h.err.at(-1)).toBe(
      '  Hint: Start the local cloud with: faas local start --detach (or point "endpoint" at a running one).',
    );
  });

  it('reports an unexpected error as a bug', async () => {
    h.fake.fail('GetCallerIdentityCommand', () => new TypeError('boom'));
    const deps = { ...h.deps, createClients: h.deps.createClients };
    expect(await main(['node', 'faas', 'status'], deps)).toBe(1);
    expect(h.err).toEqual(['Error: STS GetCallerIdentity failed', '  Cause: TypeError: boom']);
  });
});

describe('faas status', () => {
  it('shows what is missing before up, and the endpoint and hidden token after', async () => {
    expect(await run('status')).toBe(0);
    expect(h.out).toContain('Ingest endpoint: not deployed');
    expect(h.out).toContain('Ingest token: none yet (faas up generates one)');
    expect(h.out.at(-1)).toBe(
      '0 in sync, 0 drifted, 13 missing (code not compared: `faas up --dry-run` compares it too).',
    );

    await run('up', '--yes');
    h.out.length = 0;
    expect(await run('status')).toBe(0);
    expect(h.out.find((l) => l.startsWith('Ingest endpoint: POST https://'))).toMatch(/\/events$/);
    expect(h.out).toContain(`Ingest token: set in ${h.dir}/.faas/secrets.json (--show-secrets prints it)`);
    expect(h.out.at(-1)).toBe(
      '13 in sync, 0 drifted, 0 missing (code not compared: `faas up --dry-run` compares it too).',
    );

    h.out.length = 0;
    await run('status', '--show-secrets');
    expect(h.out.find((l) => l.startsWith('Ingest token:'))).toMatch(
      /^Ingest token: [A-Za-z0-9_-]{43} \(from /,
    );
  });
});
