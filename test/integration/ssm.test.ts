// SSM Parameter Store through the real SDK client: PutParameter's rules, reads by name / ARN /
// selector, SecureString sealing, GetParameters and deletes.

import {
  DeleteParameterCommand,
  DeleteParametersCommand,
  DescribeParametersCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  LabelParameterVersionCommand,
  PutParameterCommand,
  type PutParameterCommandInput,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { useLocalCloud } from '../helpers/localCloud.js';
import { ssmClient, unique } from './ssmHelpers.js';

let ssm: SSMClient;
useLocalCloud((l) => {
  ssm = ssmClient(l.endpoint);
});

const put = (input: PutParameterCommandInput) => ssm.send(new PutParameterCommand(input));
const get = (Name: string, WithDecryption?: boolean) =>
  ssm.send(new GetParameterCommand({ Name, WithDecryption })).then((r) => r.Parameter!);

async function expectError(promise: Promise<unknown>, name: string, message: string): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name, message, $metadata: { httpStatusCode: 400 } });
}

const BAD_NAME =
  'Parameter name: can\'t be prefixed with "ssm" (case-insensitive). If formed as a path, it can consist of ' +
  'sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following ' +
  '3 symbols .-_';
// ParameterNotFound / InvalidResourceId come without a message from AWS; the JS SDK fills in "UnknownError".
const NO_MESSAGE = 'UnknownError';

describe('PutParameter and GetParameter', () => {
  it('creates a String parameter and reads it back with its full shape', async () => {
    const name = `/${unique('app')}/db/host`;
    expect(await put({ Name: name, Value: 'db.local', Type: 'String' })).toMatchObject({
      Version: 1,
      Tier: 'Standard',
    });
    const p = await get(name);
    expect(p).toEqual({
      Name: name,
      Type: 'String',
      Value: 'db.local',
      Version: 1,
      LastModifiedDate: expect.any(Date),
      ARN: `arn:aws:ssm:us-east-1:000000000000:parameter${name}`,
      DataType: 'text',
    });
  });

  it('refuses to overwrite without Overwrite, and versions on overwrite keeping what is left out', async () => {
    const name = unique('counter');
    await put({ Name: name, Value: 'one', Type: 'StringList', Description: 'first' });
    await expectError(
      put({ Name: name, Value: 'two', Type: 'String' }),
      'ParameterAlreadyExists',
      'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
    );
    expect(await put({ Name: name, Value: 'a,b', Overwrite: true })).toMatchObject({ Version: 2 });
    expect(await get(name)).toMatchObject({ Value: 'a,b', Type: 'StringList', Version: 2 });
    const [meta] = (
      await ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: [name] }] }))
    ).Parameters!;
    expect(meta).toMatchObject({ Description: 'first', Version: 2 });
  });

  it('refuses Tags together with Overwrite, like AWS', async () => {
    const name = unique('tagged');
    await expectError(
      put({ Name: name, Value: 'v', Type: 'String', Overwrite: true, Tags: [{ Key: 'k', Value: 'v' }] }),
      'ValidationException',
      "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove " +
        'overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.',
    );
  });

  it.each([
    [
      'awsSecret',
      'ValidationException',
      'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).',
    ],
    [
      'SSM-param',
      'ValidationException',
      'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).',
    ],
    ['/ssm/path/param', 'ValidationException', BAD_NAME],
    ['/aws/path/param', 'AccessDeniedException', 'No access to reserved parameter name: /aws/path/param.'],
    ['has space', 'ValidationException', BAD_NAME],
    ['dollar$sign', 'ValidationException', BAD_NAME],
    ['relative/path', 'ValidationException', BAD_NAME],
    ['/double//slash', 'ValidationException', BAD_NAME],
    ['/trailing/', 'ValidationException', BAD_NAME],
  ])('rejects the name %j with %s', async (name, code, message) => {
    await expectError(put({ Name: name, Value: 'v', Type: 'String' }), code, message);
  });

  it('limits names to 2048 characters and hierarchies to 15 levels', async () => {
    const long = 'n'.repeat(2049);
    await expectError(
      put({ Name: long, Value: 'v', Type: 'String' }),
      'ValidationException',
      `1 validation error detected: Value '${long}' at 'name' failed to satisfy constraint: ` +
        'Member must have length less than or equal to 2048',
    );
    const root = unique('deep');
    const levels = (n: number) => `/${root}${'/l'.repeat(n - 1)}`;
    expect(await put({ Name: levels(15), Value: 'v', Type: 'String' })).toMatchObject({ Version: 1 });
    await expectError(
      put({ Name: levels(16), Value: 'v', Type: 'String' }),
      'HierarchyLevelLimitExceededException',
      'A hierarchy can have a maximum of 15 levels. For more information, see Requirements and constraints for ' +
        'parameter names in the AWS Systems Manager User Guide.',
    );
  });

  it('validates Type, Value, DataType and KeyId', async () => {
    const name = unique('typed');
    await expectError(
      put({ Name: name, Value: 'v' }),
      'ValidationException',
      'A parameter type is required when you create a parameter.',
    );
    await expectError(
      put({ Name: name, Value: 'v', Type: 'str' as 'String' }),
      'ValidationException',
      "1 validation error detected: Value 'str' at 'type' failed to satisfy constraint: " +
        'Member must satisfy enum value set: [SecureString, StringList, String]',
    );
    await expectError(
      put({ Name: name, Value: '', Type: 'String' }),
      'ValidationException',
      "1 validation error detected: Value '' at 'value' failed to satisfy constraint: " +
        'Member must have length greater than or equal to 1',
    );
    await expectError(
      put({ Name: name, Value: 'v', Type: 'String', DataType: 'Text' }),
      'ValidationException',
      'The following data type is not supported: Text (Data type names are all lowercase.)',
    );
    await expectError(
      put({ Name: name, Value: 'v', Type: 'String', KeyId: 'alias/mine' }),
      'ValidationException',
      'KeyId is required for SecureString type parameter only.',
    );
  });

  it('holds Standard values to 4096 characters and resolves tiers', async () => {
    const big = 'x'.repeat(4097);
    await expectError(
      put({ Name: unique('big'), Value: big, Type: 'String' }),
      'ValidationException',
      'Standard tier parameters support a maximum parameter value of 4096 characters. To create a larger parameter ' +
        'value, upgrade the parameter to use the advanced-parameter tier. For more information, see ' +
        'https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html',
    );
    expect(await put({ Name: unique('ok'), Value: 'x'.repeat(4096), Type: 'String' })).toMatchObject({
      Tier: 'Standard',
    });
    const name = unique('tiered');
    expect(
      await put({ Name: name, Value: 'small', Type: 'String', Tier: 'Intelligent-Tiering' }),
    ).toMatchObject({
      Tier: 'Standard',
    });
    expect(
      await put({ Name: name, Value: big, Type: 'String', Tier: 'Intelligent-Tiering', Overwrite: true }),
    ).toMatchObject({ Tier: 'Advanced', Version: 2 });
    await expectError(
      put({ Name: name, Value: 'small', Tier: 'Standard', Overwrite: true }),
      'ValidationException',
      "This parameter uses the advanced-parameter tier. You can't downgrade a parameter from the advanced-parameter " +
        'tier to the standard-parameter tier. If necessary, you can delete the advanced parameter and recreate it as ' +
        'a standard parameter.',
    );
  });

  it('enforces AllowedPattern on the whole value, also on later overwrites', async () => {
    const name = unique('port');
    await expectError(
      put({ Name: name, Value: '80a', Type: 'String', AllowedPattern: '\\d+' }),
      'ParameterPatternMismatchException',
      'Parameter value, 80a, failed to satisfy constraint specified in allowed pattern: \\d+.',
    );
    await put({ Name: name, Value: '8080', Type: 'String', AllowedPattern: '\\d+' });
    await expectError(
      put({ Name: name, Value: 'eighty', Overwrite: true }),
      'ParameterPatternMismatchException',
      'Parameter value, eighty, failed to satisfy constraint specified in allowed pattern: \\d+.',
    );
    await expectError(
      put({ Name: unique('regex'), Value: 'v', Type: 'String', AllowedPattern: '([' }),
      'InvalidAllowedPatternException',
      "The allowed pattern ([ isn't a valid regular expression.",
    );
  });

  it('treats /name and name as one parameter, and accepts the ARN', async () => {
    const name = unique('single');
    await put({ Name: `/${name}`, Value: 'v', Type: 'String' });
    expect(await get(name)).toMatchObject({ Name: `/${name}`, Value: 'v' });
    await expect(put({ Name: name, Value: 'w', Type: 'String' })).rejects.toMatchObject({
      name: 'ParameterAlreadyExists',
    });
    const arn = `arn:aws:ssm:us-east-1:000000000000:parameter/${name}`;
    expect(await get(arn)).toMatchObject({ Name: `/${name}`, ARN: arn });
    const path = `/${unique('p')}/leaf`;
    await put({ Name: path, Value: 'deep', Type: 'String' });
    expect(await get(`arn:aws:ssm:us-east-1:000000000000:parameter${path}:1`)).toMatchObject({
      Name: path,
      Value: 'deep',
      Selector: ':1',
    });
  });

  it('selects versions and labels, and names missing ones exactly', async () => {
    const name = unique('sel');
    await put({ Name: name, Value: 'v1', Type: 'String' });
    await put({ Name: name, Value: 'v2', Type: 'String', Overwrite: true });
    await ssm.send(new LabelParameterVersionCommand({ Name: name, ParameterVersion: 1, Labels: ['stable'] }));
    expect(await get(`${name}:1`)).toMatchObject({ Value: 'v1', Version: 1, Selector: ':1' });
    expect(await get(`${name}:stable`)).toMatchObject({ Value: 'v1', Selector: ':stable' });
    expect(await get(name)).toMatchObject({ Value: 'v2', Version: 2 });
    await expectError(
      get(`${name}:9`),
      'ParameterVersionNotFound',
      `Systems Manager could not find version 9 of ${name}. Verify the version and try again.`,
    );
    await expectError(get(`${name}:1:2`), 'ParameterNotFound', NO_MESSAGE);
    await expectError(get(unique('missing')), 'ParameterNotFound', NO_MESSAGE);
    await expectError(get('relative/name'), 'ValidationException', BAD_NAME);
  });
});

describe('SecureString', () => {
  it('returns the value decrypted only with WithDecryption=true, everywhere', async () => {
    const root = `/${unique('sec')}`;
    const name = `${root}/password`;
    const secret = 'hunter2-correct-horse';
    await put({ Name: name, Value: secret, Type: 'SecureString' });
    const sealed = (await get(name)).Value!;
    expect(sealed).not.toContain(secret);
    expect(Buffer.from(sealed, 'base64').toString('utf8')).not.toContain(secret);
    expect(sealed).toMatch(/^[A-Za-z0-9+/]+=*$/);
    // Stable for a given version, like a KMS ciphertext blob.
    expect((await get(name, false)).Value).toBe(sealed);
    expect((await get(name, true)).Value).toBe(secret);

    const many = await ssm.send(new GetParametersCommand({ Names: [name] }));
    expect(many.Parameters![0].Value).toBe(sealed);
    const byPath = await ssm.send(new GetParametersByPathCommand({ Path: root }));
    expect(byPath.Parameters![0].Value).toBe(sealed);
    const history = await ssm.send(new GetParameterHistoryCommand({ Name: name }));
    expect(history.Parameters![0].Value).toBe(sealed);
    const decrypted = await ssm.send(new GetParametersByPathCommand({ Path: root, WithDecryption: true }));
    expect(decrypted.Parameters![0].Value).toBe(secret);
  });

  it('reports alias/aws/ssm as the default key and keeps a custom KeyId', async () => {
    const a = unique('defkey');
    const b = unique('mykey');
    await put({ Name: a, Value: 's', Type: 'SecureString' });
    await put({ Name: b, Value: 's', Type: 'SecureString', KeyId: 'alias/my-key' });
    const described = await ssm.send(
      new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: [a, b] }] }),
    );
    expect(described.Parameters!.map((p) => [p.Name, p.KeyId])).toEqual([
      [a, 'alias/aws/ssm'],
      [b, 'alias/my-key'],
    ]);
    expect((await get(b, true)).Value).toBe('s');
  });
});

describe('GetParameters', () => {
  it('returns found parameters and lists the rest in InvalidParameters', async () => {
    const a = unique('ga');
    await put({ Name: a, Value: '1', Type: 'String' });
    await put({ Name: a, Value: '2', Type: 'String', Overwrite: true });
    const missing = unique('gmissing');
    const r = await ssm.send(new GetParametersCommand({ Names: [a, a, `${a}:1`, missing, `${a}:7`] }));
    expect(r.Parameters!.map((p) => [p.Name, p.Value, p.Selector])).toEqual([
      [a, '2', undefined],
      [a, '1', ':1'],
    ]);
    expect(r.InvalidParameters).toEqual([missing, `${a}:7`]);
  });

  it('takes at most 10 names', async () => {
    const names = Array.from({ length: 11 }, (_, i) => `n${i}`);
    await expectError(
      ssm.send(new GetParametersCommand({ Names: names })),
      'ValidationException',
      `1 validation error detected: Value '[${names.join(', ')}]' at 'names' failed to satisfy constraint: ` +
        'Member must have length less than or equal to 10',
    );
  });
});

describe('DeleteParameter and DeleteParameters', () => {
  it('deletes, then answers ParameterNotFound', async () => {
    const name = unique('gone');
    await put({ Name: name, Value: 'v', Type: 'String' });
    await ssm.send(new DeleteParameterCommand({ Name: `/${name}` }));
    await expectError(get(name), 'ParameterNotFound', NO_MESSAGE);
    await expectError(ssm.send(new DeleteParameterCommand({ Name: name })), 'ParameterNotFound', NO_MESSAGE);
    // Recreated after a delete, versions start over.
    expect(await put({ Name: name, Value: 'again', Type: 'String' })).toMatchObject({ Version: 1 });
  });

  it('reports deleted and invalid names, at most 10', async () => {
    const a = unique('da');
    const b = unique('db');
    await put({ Name: a, Value: 'v', Type: 'String' });
    await put({ Name: b, Value: 'v', Type: 'String' });
    const missing = unique('dmissing');
    expect(await ssm.send(new DeleteParametersCommand({ Names: [a, missing, b] }))).toMatchObject({
      DeletedParameters: [a, b],
      InvalidParameters: [missing],
    });
    const names = Array.from({ length: 11 }, (_, i) => `d${i}`);
    await expectError(
      ssm.send(new DeleteParametersCommand({ Names: names })),
      'ValidationException',
      `1 validation error detected: Value '[${names.join(', ')}]' at 'names' failed to satisfy constraint: ` +
        'Member must have length less than or equal to 10',
    );
  });
});
