// .faasrc.json loading and validation: every bad input has its exact error, all bad fields of a
// file come in ONE error with their JSON paths, and flags/env override the file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LoadConfigOptions, loadConfig } from '../../src/config/load.js';
import { faasrcJsonSchema } from '../../src/config/schema.js';
import { FaasError } from '../../src/errors.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'faas-config-'));
  file = join(dir, '.faasrc.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const HINT = 'Every field is described in schema/faasrc.schema.json; an example is in .faasrc.example.json.';
const PROJECT_RULE =
  'is not a valid project name: use 1-20 lowercase letters, digits and single hyphens, starting with a ' +
  'letter and not ending with a hyphen (it prefixes every resource name, and the longest, the S3 bucket ' +
  '<project>-<flow>-<account>-<region>, must fit in 63 characters)';

function write(body: unknown): void {
  writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body));
}

async function failure(options: Partial<LoadConfigOptions> = {}): Promise<FaasError> {
  const error = await loadConfig({ cwd: dir, ...options }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FaasError);
  return error as FaasError;
}

const invalid = (count: string, ...lines: string[]) =>
  [`Invalid configuration in ${file} (${count}):`, ...lines.map((l) => `  - ${l}`)].join('\n');

describe('loading', () => {
  it('missing file', async () => {
    const error = await failure();
    expect(error.code).toBe('ConfigNotFound');
    expect(error.message).toBe(`No configuration file at ${file}`);
    expect(error.hint).toBe(
      'Create .faasrc.json in this directory (start from .faasrc.example.json) or pass --config PATH.',
    );
    expect(error.exitCode).toBe(1);
  });

  it('missing --config file', async () => {
    const error = await failure({ configPath: 'conf/faas.json' });
    expect(error.message).toBe(`No configuration file at ${join(dir, 'conf/faas.json')}`);
    expect(error.hint).toBe('Check the path given to --config.');
  });

  it('invalid JSON', async () => {
    write('{ "project": "demo", }');
    const error = await failure();
    expect(error.code).toBe('ConfigInvalidJson');
    expect(error.message).toBe(`Configuration file ${file} is not valid JSON`);
    expect(error.cause).toBeInstanceOf(SyntaxError);
    expect(error.hint).toBe('Fix the JSON syntax: comments and trailing commas are not allowed.');
  });

  it('applies defaults for target local', async () => {
    write({ project: 'demo' });
    const config = await loadConfig({ cwd: dir });
    expect(config).toMatchObject({
      project: 'demo',
      target: 'local',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:4566',
      runtime: 'nodejs22.x',
      architecture: 'arm64',
      memory: 256,
      timeout: 10,
      logRetentionDays: 14,
      tags: {},
      flows: { ingest: { token: undefined, functions: {} } },
      dir,
    });
  });

  it('leaves region and endpoint to the SDK for target aws', async () => {
    write({ project: 'demo', target: 'aws' });
    const config = await loadConfig({ cwd: dir });
    expect(config.region).toBeUndefined();
    expect(config.endpoint).toBeUndefined();
  });

  it('accepts the published example', async () => {
    const example = readFileSync(join(import.meta.dirname, '../../.faasrc.example.json'), 'utf8');
    write(example);
    await expect(loadConfig({ cwd: dir })).resolves.toMatchObject({ project: 'demo', region: 'eu-west-1' });
  });
});

describe('validation', () => {
  it('bad project name', async () => {
    write({ project: 'Demo_App' });
    const error = await failure();
    expect(error.code).toBe('ConfigInvalid');
    expect(error.message).toBe(invalid('1 problem', `$.project: "Demo_App" ${PROJECT_RULE}`));
    expect(error.hint).toBe(HINT);
    expect(error.exitCode).toBe(1);
  });

  it('project name too long for the derived resource names', async () => {
    write({ project: 'a-very-long-project-name' });
    expect((await failure()).message).toBe(
      invalid('1 problem', `$.project: "a-very-long-project-name" ${PROJECT_RULE}`),
    );
  });

  it('project name S3 reserves', async () => {
    write({ project: 'sthree-data' });
    expect((await failure()).message).toBe(
      invalid(
        '1 problem',
        '$.project: must not start with "sthree" or "amzn-s3-demo" (S3 reserves these bucket name prefixes)',
      ),
    );
  });

  it('unknown target', async () => {
    write({ project: 'demo', target: 'gcp' });
    expect((await failure()).message).toBe(
      invalid('1 problem', '$.target: expected "local" | "aws", got "gcp"'),
    );
  });

  it('nonexistent region', async () => {
    write({ project: 'demo', region: 'mars-north-1' });
    expect((await failure()).message).toBe(
      invalid('1 problem', '$.region: "mars-north-1" is not a known AWS region'),
    );
  });

  it('mistyped region gets a suggestion', async () => {
    write({ project: 'demo', region: 'eu-wset-1' });
    expect((await failure()).message).toBe(
      invalid('1 problem', '$.region: "eu-wset-1" is not a known AWS region (did you mean "eu-west-1"?)'),
    );
  });

  it('malformed region', async () => {
    write({ project: 'demo', region: 'Frankfurt' });
    expect((await failure()).message).toBe(
      invalid('1 problem', '$.region: must be an AWS region id like "eu-west-1", got "Frankfurt"'),
    );
  });

  it('not an object', async () => {
    write([1, 2]);
    expect((await failure()).message).toBe(invalid('1 problem', '$: expected an object, got an array'));
  });

  it('missing project', async () => {
    write({ target: 'local' });
    expect((await failure()).message).toBe(invalid('1 problem', '$.project: required (a string)'));
  });

  it('wrong types: one error listing every bad field with its JSON path', async () => {
    write({
      project: 7,
      target: 1,
      endpoint: 'ftp://example.com',
      runtime: 'nodejs18.x',
      architecture: 'arm',
      memory: '256',
      timeout: 0.5,
      logRetentionDays: 10,
      tags: { 'aws:owner': 'me', cost: 5 },
      flows: { ingest: { token: 'short', functions: { api: { memory: 64 }, web: {} } }, other: {} },
      extra: true,
    });
    const error = await failure();
    expect(error.message).toBe(
      invalid(
        '15 problems',
        '$.project: expected a string, got number 7',
        '$.target: expected "local" | "aws", got number 1',
        '$.endpoint: must be an http(s) URL like "http://127.0.0.1:4566", got "ftp://example.com"',
        '$.runtime: expected "nodejs20.x" | "nodejs22.x" | "nodejs24.x", got "nodejs18.x"',
        '$.architecture: expected "x86_64" | "arm64", got "arm"',
        '$.memory: expected a number, got "256"',
        '$.timeout: expected an integer, got number 0.5',
        '$.logRetentionDays: expected 1 | 3 | 5 | 7 | 14 | 30 | 60 | 90 | 120 | 150 | 180 | 365 | 400 | 545 | 731 | ' +
          '1096 | 1827 | 2192 | 2557 | 2922 | 3288 | 3653, got number 10',
        '$.tags["aws:owner"]: tag keys starting with "aws:" or "faas:" are reserved',
        '$.tags.cost: expected a string, got number 5',
        '$.flows.ingest.token: must be 16-512 printable ASCII characters without spaces',
        '$.flows.ingest.functions.api.memory: must be at least 128, got number 64',
        '$.flows.ingest.functions.web: unknown field',
        '$.flows.other: unknown field',
        '$.extra: unknown field',
      ),
    );
    expect(error.exitCode).toBe(1);
  });
});

describe('overrides', () => {
  it('flags beat the environment, which beats the file', async () => {
    write({ project: 'demo', target: 'aws', region: 'eu-west-1', profile: 'file' });
    const config = await loadConfig({
      cwd: dir,
      flags: { region: 'eu-central-1', project: 'other' },
      env: {
        AWS_REGION: 'us-west-2',
        AWS_PROFILE: 'env',
        AWS_ENDPOINT_URL: 'http://localhost:5000',
        FAAS_TOKEN: 'x'.repeat(20),
      },
    });
    expect(config).toMatchObject({
      project: 'other',
      region: 'eu-central-1',
      profile: 'env',
      endpoint: 'http://localhost:5000',
      flows: { ingest: { token: 'x'.repeat(20) } },
    });
    expect(config.sources).toEqual({
      project: 'flag',
      target: 'file',
      region: 'flag',
      profile: 'env',
      endpoint: 'env',
      token: 'env',
      databaseUrl: 'default',
    });
  });

  it('a bad flag or environment value is named as such; a bad flag is a usage error', async () => {
    write({ project: 'demo' });
    const error = await failure({
      flags: { target: 'cloud', region: 'eu-west-9' },
      env: { AWS_ENDPOINT_URL: 'not a url', FAAS_TOKEN: 'weak' },
    });
    expect(error.message).toBe(
      invalid(
        '4 problems',
        '--target: expected "local" | "aws", got "cloud"',
        '--region: "eu-west-9" is not a known AWS region (did you mean "eu-west-1"?)',
        'AWS_ENDPOINT_URL: must be an http(s) URL like "http://127.0.0.1:4566", got "not a url"',
        'FAAS_TOKEN: must be 16-512 printable ASCII characters without spaces',
      ),
    );
    expect(error.exitCode).toBe(2);
  });

  it('an environment value does not hide a wrongly typed section of the file', async () => {
    write({ project: 'demo', flows: 5 });
    const error = await failure({ env: { FAAS_TOKEN: 'a-perfectly-fine-token' } });
    expect(error.message).toBe(invalid('1 problem', '$.flows: expected an object, got number 5'));
  });
});

describe('published JSON Schema', () => {
  const path = join(import.meta.dirname, '../../schema/faasrc.schema.json');

  // Regenerate with: UPDATE_SCHEMA=1 npx vitest run test/unit/config.test.ts
  it('schema/faasrc.schema.json is what z.toJSONSchema makes of the zod schema', () => {
    const generated = `${JSON.stringify(faasrcJsonSchema(), null, 2)}\n`;
    if (process.env['UPDATE_SCHEMA'] === '1') writeFileSync(path, generated);
    expect(readFileSync(path, 'utf8')).toBe(generated);
  });

  it('describes the fields and their constraints', () => {
    const schema = faasrcJsonSchema() as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, Record<string, unknown>>;
    };
    expect(schema.required).toEqual(['project']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties['project']).toMatchObject({ type: 'string', maxLength: 20 });
    expect(schema.properties['target']).toMatchObject({ enum: ['local', 'aws'], default: 'local' });
    expect(schema.properties['region']!['enum']).toContain('eu-west-1');
  });
});

describe('database', () => {
  const PASSWORD = 'hunter2-very-secret';

  it('reads flows.ingest.database (url and vpc); FAAS_DATABASE_URL wins over the file', async () => {
    const vpc = { subnetIds: ['subnet-0abc'], securityGroupIds: ['sg-0def'] };
    write({ project: 'demo', flows: { ingest: { database: { url: 'postgres://u:p@file:5432/db', vpc } } } });
    const fromFile = await loadConfig({ cwd: dir });
    expect(fromFile.flows.ingest.database).toEqual({ url: 'postgres://u:p@file:5432/db', vpc });
    expect(fromFile.sources.databaseUrl).toBe('file');
    const fromEnv = await loadConfig({ cwd: dir, env: { FAAS_DATABASE_URL: 'postgres://u:p@env:5432/db' } });
    expect(fromEnv.flows.ingest.database.url).toBe('postgres://u:p@env:5432/db');
    expect(fromEnv.sources.databaseUrl).toBe('env');
  });

  it('a URL that does not parse is refused at load, without echoing it or its password', async () => {
    write({ project: 'demo', flows: { ingest: { database: { url: `postgres://admin:${PASSWORD}@` } } } });
    const error = await failure();
    expect(error.code).toBe('DatabaseUrlInvalid');
    expect(error.message).toBe(
      'Invalid database URL: the database URL does not parse; expected postgres://user:password@host:5432/database.',
    );
    expect(`${error.message} ${error.hint}`).not.toContain(PASSWORD);
  });

  it('names FAAS_DATABASE_URL when the bad URL came from there', async () => {
    write({ project: 'demo' });
    const error = await failure({ env: { FAAS_DATABASE_URL: `mysql://admin:${PASSWORD}@db:3306/x` } });
    expect(error.message).toBe(
      'Invalid database URL in FAAS_DATABASE_URL: the database URL must start with postgres:// or postgresql://, not mysql://.',
    );
    expect(error.message).not.toContain(PASSWORD);
  });

  it('vpc needs subnet and security group ids', async () => {
    write({
      project: 'demo',
      flows: { ingest: { database: { vpc: { subnetIds: ['x'], securityGroupIds: [] } } } },
    });
    expect((await failure()).message).toBe(
      invalid(
        '2 problems',
        '$.flows.ingest.database.vpc.subnetIds[0]: expected a subnet id like "subnet-0abc…"',
        '$.flows.ingest.database.vpc.securityGroupIds: must be at least 1, got an array',
      ),
    );
  });
});
