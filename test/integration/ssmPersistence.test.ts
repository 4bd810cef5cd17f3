// SSM Parameter Store durability (values, versions, labels and tags survive a restart; SecureString
// plain text never reaches the data dir) and the handler-side Powertools Parameters library.

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getParameter, getParameters, SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import {
  AddTagsToResourceCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  LabelParameterVersionCommand,
  ListTagsForResourceCommand,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { afterAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../../src/local/index.js';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const clientFor = (local: LocalCloud) =>
  new SSMClient({ endpoint: local.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });

/** Every file under dir (recursively) with its text. */
function filesUnder(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const path = join(e.parentPath, e.name);
      return { path, text: readFileSync(path, 'latin1') };
    });
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('SSM durability', () => {
  it('brings values, versions, labels and tags back after a restart, with no secret on disk', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'faas-ssm-'));
    dirs.push(dataDir);
    const secrets = ['s3cr3t-first-version', 'S3CR3T-second-version'];
    const name = '/durable/db/password';

    let local = await startLocalCloud({ port: 0, dataDir });
    let ssm = clientFor(local);
    await ssm.send(
      new PutParameterCommand({ Name: '/durable/db/host', Value: 'db.internal', Type: 'String' }),
    );
    await ssm.send(new PutParameterCommand({ Name: name, Value: secrets[0], Type: 'SecureString' }));
    await ssm.send(new PutParameterCommand({ Name: name, Value: secrets[1], Overwrite: true }));
    await ssm.send(
      new LabelParameterVersionCommand({ Name: name, ParameterVersion: 1, Labels: ['previous'] }),
    );
    await ssm.send(
      new AddTagsToResourceCommand({
        ResourceType: 'Parameter',
        ResourceId: name,
        Tags: [{ Key: 'k', Value: 'v' }],
      }),
    );
    await local.stop();

    const journal = readFileSync(join(dataDir, 'journal.ndjson'), 'utf8');
    // The journal does hold the parameter, so the checks below look at the right bytes.
    expect(journal).toContain(name);
    expect(journal).toContain('db.internal');
    const keyFile = join(dataDir, 'ssm-securestring.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);

    local = await startLocalCloud({ port: 0, dataDir });
    ssm = clientFor(local);
    const current = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    expect(current.Parameter).toMatchObject({ Value: secrets[1], Version: 2, Type: 'SecureString' });
    expect(
      (await ssm.send(new GetParameterCommand({ Name: `${name}:previous`, WithDecryption: true }))).Parameter,
    ).toMatchObject({ Value: secrets[0], Version: 1 });
    const history = await ssm.send(new GetParameterHistoryCommand({ Name: name, WithDecryption: true }));
    expect(history.Parameters!.map((h) => [h.Version, h.Value, h.Labels])).toEqual([
      [1, secrets[0], ['previous']],
      [2, secrets[1], []],
    ]);
    expect((await ssm.send(new GetParameterCommand({ Name: '/durable/db/host' }))).Parameter?.Value).toBe(
      'db.internal',
    );
    expect(
      (await ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: name })))
        .TagList,
    ).toEqual([{ Key: 'k', Value: 'v' }]);
    // A new version after the restart continues the numbering.
    expect(
      await ssm.send(new PutParameterCommand({ Name: name, Value: 'third', Overwrite: true })),
    ).toMatchObject({ Version: 3 });
    await local.stop();

    // The restart compacted everything into snapshot.json; neither it nor the journal nor anything
    // else in the data dir may hold a SecureString's plain text (raw or base64).
    const files = filesUnder(dataDir);
    expect(files.find((f) => f.path.endsWith('snapshot.json'))?.text).toContain(name);
    for (const secret of [...secrets, 'third']) {
      for (const f of files) {
        expect(f.text, f.path).not.toContain(secret);
        expect(f.text, f.path).not.toContain(Buffer.from(secret).toString('base64'));
      }
    }
  });
});

describe('Powertools Parameters against the local cloud', () => {
  it('reads plain and SecureString parameters through getParameter / getParameters / SSMProvider', async () => {
    const local = await startLocalCloud({ port: 0, ephemeral: true });
    const ssm = clientFor(local);
    const root = `/powertools-${process.pid}`;
    await ssm.send(
      new PutParameterCommand({ Name: `${root}/api-key`, Value: 'pk-123', Type: 'SecureString' }),
    );
    await ssm.send(
      new PutParameterCommand({ Name: `${root}/config`, Value: '{"retries":3}', Type: 'String' }),
    );

    // What a handler does: the default provider, configured only through the environment.
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ENDPOINT_URL: local.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    });
    try {
      expect(await getParameter(`${root}/api-key`, { decrypt: true })).toBe('pk-123');
      expect(await getParameter(`${root}/config`, { transform: 'json' })).toEqual({ retries: 3 });
      expect(await getParameters(root, { decrypt: true, forceFetch: true })).toEqual({
        'api-key': 'pk-123',
        config: '{"retries":3}',
      });
    } finally {
      process.env = saved;
    }

    // A provider built with an explicit client config, and the sealed value without decrypt.
    const provider = new SSMProvider({
      clientConfig: { endpoint: local.endpoint, region: 'us-east-1', credentials },
    });
    expect(await provider.get(`${root}/api-key`, { decrypt: true })).toBe('pk-123');
    const sealed = await provider.get(`${root}/api-key`, { forceFetch: true });
    expect(sealed).not.toContain('pk-123');
    await local.stop();
  });
});
