// SSM Parameter Store queries through the real SDK client: GetParametersByPath, DescribeParameters,
// GetParameterHistory with labels, and tagging.

import {
  AddTagsToResourceCommand,
  DescribeParametersCommand,
  type DescribeParametersCommandInput,
  GetParameterHistoryCommand,
  GetParametersByPathCommand,
  LabelParameterVersionCommand,
  ListTagsForResourceCommand,
  PutParameterCommand,
  type PutParameterCommandInput,
  paginateDescribeParameters,
  paginateGetParametersByPath,
  RemoveTagsFromResourceCommand,
  type SSMClient,
  UnlabelParameterVersionCommand,
} from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { useLocalCloud } from '../helpers/localCloud.js';
import { ssmClient, unique } from './ssmHelpers.js';

let ssm: SSMClient;
useLocalCloud((l) => {
  ssm = ssmClient(l.endpoint);
});

const put = (input: PutParameterCommandInput) => ssm.send(new PutParameterCommand(input));

async function expectError(promise: Promise<unknown>, name: string, message: string): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name, message, $metadata: { httpStatusCode: 400 } });
}

// ParameterNotFound / InvalidResourceId come without a message from AWS; the JS SDK fills in "UnknownError".
const NO_MESSAGE = 'UnknownError';

describe('GetParametersByPath', () => {
  it('lists one level, or every level with Recursive, and filters by Type, KeyId and Label', async () => {
    const root = `/${unique('tree')}`;
    await put({ Name: `${root}/a`, Value: 'a', Type: 'String' });
    await put({ Name: `${root}/b`, Value: 'b', Type: 'SecureString', KeyId: 'alias/k' });
    await put({ Name: `${root}/sub/c`, Value: 'c', Type: 'String' });
    await put({ Name: `${root}-sibling`, Value: 'x', Type: 'String' });
    const names = async (input: Partial<ConstructorParameters<typeof GetParametersByPathCommand>[0]>) =>
      (await ssm.send(new GetParametersByPathCommand({ Path: root, ...input }))).Parameters!.map(
        (p) => p.Name,
      );
    expect(await names({})).toEqual([`${root}/a`, `${root}/b`]);
    expect(await names({ Path: `${root}/` })).toEqual([`${root}/a`, `${root}/b`]);
    expect(await names({ Recursive: true })).toEqual([`${root}/a`, `${root}/b`, `${root}/sub/c`]);
    expect(await names({ Recursive: true, ParameterFilters: [{ Key: 'Type', Values: ['String'] }] })).toEqual(
      [`${root}/a`, `${root}/sub/c`],
    );
    expect(await names({ ParameterFilters: [{ Key: 'KeyId', Values: ['alias/k'] }] })).toEqual([`${root}/b`]);
    await put({ Name: `${root}/a`, Value: 'a2', Overwrite: true });
    await ssm.send(
      new LabelParameterVersionCommand({ Name: `${root}/a`, ParameterVersion: 1, Labels: ['old'] }),
    );
    const labelled = await ssm.send(
      new GetParametersByPathCommand({ Path: root, ParameterFilters: [{ Key: 'Label', Values: ['old'] }] }),
    );
    expect(labelled.Parameters!.map((p) => [p.Name, p.Value, p.Version])).toEqual([[`${root}/a`, 'a', 1]]);
  });

  it('pages ten at a time and the SDK paginator walks every page', async () => {
    const root = `/${unique('paged')}`;
    for (let i = 0; i < 23; i++)
      await put({ Name: `${root}/p${String(i).padStart(2, '0')}`, Value: `${i}`, Type: 'String' });
    const first = await ssm.send(new GetParametersByPathCommand({ Path: root }));
    expect(first.Parameters).toHaveLength(10);
    expect(first.NextToken).toEqual(expect.any(String));
    const seen: string[] = [];
    for await (const page of paginateGetParametersByPath({ client: ssm, pageSize: 4 }, { Path: root }))
      seen.push(...page.Parameters!.map((p) => p.Name!));
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    await expectError(
      ssm.send(new GetParametersByPathCommand({ Path: root, MaxResults: 11 })),
      'ValidationException',
      "1 validation error detected: Value '11' at 'maxResults' failed to satisfy constraint: " +
        'Member must have value less than or equal to 10',
    );
    await expectError(
      ssm.send(new GetParametersByPathCommand({ Path: root, NextToken: 'garbage' })),
      'InvalidNextToken',
      'The specified token is not valid.',
    );
  });

  it('rejects malformed paths and filters that only DescribeParameters takes', async () => {
    await expectError(
      ssm.send(new GetParametersByPathCommand({ Path: 'no-slash' })),
      'ValidationException',
      "The parameter doesn't meet the parameter name requirements. The parameter name must begin with a forward " +
        'slash "/". It can\'t be prefixed with \\"aws\\" or \\"ssm\\" (case-insensitive). It must use only letters, ' +
        'numbers, or the following symbols: . (period), - (hyphen), _ (underscore). Special characters are not ' +
        'allowed. All sub-paths, if specified, must use the forward slash symbol "/". Valid example: ' +
        '/get/parameters2-/by1./path0_.',
    );
    await expectError(
      ssm.send(
        new GetParametersByPathCommand({ Path: '/x', ParameterFilters: [{ Key: 'Name', Values: ['a'] }] }),
      ),
      'InvalidFilterKey',
      'The following filter key is not valid: Name. Valid filter keys include: [Type, KeyId].',
    );
  });
});

describe('DescribeParameters', () => {
  it('returns metadata only, filtered by Name, Type, Path and the legacy Filters', async () => {
    const root = `/${unique('desc')}`;
    await put({
      Name: `${root}/alpha`,
      Value: 'v',
      Type: 'String',
      Description: 'first',
      AllowedPattern: '.*',
    });
    await put({ Name: `${root}/beta`, Value: 's', Type: 'SecureString' });
    await put({ Name: `${root}/deeper/gamma`, Value: 'v', Type: 'StringList', Tier: 'Advanced' });
    const describe = async (input: DescribeParametersCommandInput) =>
      (await ssm.send(new DescribeParametersCommand({ MaxResults: 50, ...input }))).Parameters!;

    const [alpha] = await describe({ ParameterFilters: [{ Key: 'Name', Values: [`${root}/alpha`] }] });
    expect(alpha).toEqual({
      Name: `${root}/alpha`,
      ARN: `arn:aws:ssm:us-east-1:000000000000:parameter${root}/alpha`,
      Type: 'String',
      LastModifiedDate: expect.any(Date),
      LastModifiedUser: 'arn:aws:iam::000000000000:root',
      Description: 'first',
      AllowedPattern: '.*',
      Version: 1,
      Tier: 'Standard',
      Policies: [],
      DataType: 'text',
    });
    expect('Value' in alpha).toBe(false);
    const names = (ps: { Name?: string }[]) => ps.map((p) => p.Name);
    expect(
      names(await describe({ ParameterFilters: [{ Key: 'Name', Option: 'BeginsWith', Values: [root] }] })),
    ).toEqual([`${root}/alpha`, `${root}/beta`, `${root}/deeper/gamma`]);
    expect(
      names(
        await describe({
          ParameterFilters: [
            { Key: 'Path', Values: [root] },
            { Key: 'Type', Values: ['SecureString'] },
          ],
        }),
      ),
    ).toEqual([`${root}/beta`]);
    expect(
      names(await describe({ ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: [root] }] })),
    ).toEqual([`${root}/alpha`, `${root}/beta`, `${root}/deeper/gamma`]);
    expect(
      names(
        await describe({
          ParameterFilters: [
            { Key: 'Path', Option: 'Recursive', Values: [root] },
            { Key: 'Tier', Values: ['Advanced'] },
          ],
        }),
      ),
    ).toEqual([`${root}/deeper/gamma`]);
    expect(
      names(
        await describe({
          Filters: [
            { Key: 'Name', Values: [`${root}/`] },
            { Key: 'Type', Values: ['String', 'StringList'] },
          ],
        }),
      ),
    ).toEqual([`${root}/alpha`, `${root}/deeper/gamma`]);
  });

  it('pages with NextToken and the SDK paginator', async () => {
    const root = `/${unique('dpage')}`;
    for (let i = 0; i < 12; i++)
      await put({ Name: `${root}/p${String(i).padStart(2, '0')}`, Value: 'v', Type: 'String' });
    const filter = { ParameterFilters: [{ Key: 'Path', Values: [root] }] };
    const first = await ssm.send(new DescribeParametersCommand({ ...filter, MaxResults: 5 }));
    expect(first.Parameters!.map((p) => p.Name)).toEqual([0, 1, 2, 3, 4].map((i) => `${root}/p0${i}`));
    const second = await ssm.send(
      new DescribeParametersCommand({ ...filter, MaxResults: 5, NextToken: first.NextToken }),
    );
    expect(second.Parameters![0].Name).toBe(`${root}/p05`);
    const all: string[] = [];
    for await (const page of paginateDescribeParameters({ client: ssm, pageSize: 5 }, filter))
      all.push(...page.Parameters!.map((p) => p.Name!));
    expect(all).toHaveLength(12);
  });

  it('names every bad request exactly', async () => {
    const d = (input: DescribeParametersCommandInput) => ssm.send(new DescribeParametersCommand(input));
    await expectError(
      d({ MaxResults: 51 }),
      'ValidationException',
      "1 validation error detected: Value '51' at 'maxResults' failed to satisfy constraint: " +
        'Member must have value less than or equal to 50',
    );
    await expectError(
      d({ Filters: [{ Key: 'Name', Values: ['a'] }], ParameterFilters: [{ Key: 'Name', Values: ['a'] }] }),
      'ValidationException',
      'You can use either Filters or ParameterFilters in a single request.',
    );
    await expectError(
      d({ ParameterFilters: [{ Key: 'Label', Values: ['x'] }] }),
      'InvalidFilterKey',
      'The following filter key is not valid: Label. Valid filter keys include: [Path, Name, Type, KeyId, Tier].',
    );
    await expectError(
      d({ ParameterFilters: [{ Key: 'Name', Option: 'Sounds', Values: ['a'] }] }),
      'InvalidFilterOption',
      'The following filter option is not valid: Sounds. Valid options include: [BeginsWith, Equals].',
    );
    await expectError(
      d({ ParameterFilters: [{ Key: 'Type', Values: ['Secret'] }] }),
      'InvalidFilterOption',
      'The following filter value is not valid: Secret. Valid values include: [String, StringList, SecureString].',
    );
    await expectError(
      d({ ParameterFilters: [{ Key: 'Path', Option: 'Equals', Values: ['/a'] }] }),
      'InvalidFilterOption',
      'The following filter option is not valid: Equals. Valid options include: [Recursive, OneLevel].',
    );
    await expectError(
      d({ ParameterFilters: [{ Key: 'Name' }] }),
      'InvalidFilterValue',
      'The following filter values are missing : null for filter key Name.',
    );
    await expectError(
      d({
        ParameterFilters: [
          { Key: 'Type', Values: ['String'] },
          { Key: 'Type', Values: ['SecureString'] },
        ],
      }),
      'InvalidFilterKey',
      'The following filter is duplicated in the request: Type. A request can contain only one occurrence of a specific filter.',
    );
    await expectError(
      d({ ParameterFilters: [{ Key: 'Colour', Values: ['red'] }] }),
      'ValidationException',
      "1 validation error detected: Value 'Colour' at 'parameterFilters.1.member.key' failed to satisfy constraint: " +
        'Member must satisfy regular expression pattern: tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType',
    );
  });
});

describe('GetParameterHistory and labels', () => {
  it('lists every version with its labels, oldest first, and moves labels between versions', async () => {
    const name = unique('hist');
    for (const value of ['one', 'two', 'three'])
      await put({ Name: name, Value: value, Type: 'String', Overwrite: true });
    await ssm.send(new LabelParameterVersionCommand({ Name: name, ParameterVersion: 1, Labels: ['prod'] }));
    const moved = await ssm.send(
      new LabelParameterVersionCommand({ Name: name, Labels: ['prod', '1bad', 'awsLabel', 'ok.label'] }),
    );
    expect(moved).toMatchObject({ ParameterVersion: 3, InvalidLabels: ['1bad', 'awsLabel'] });
    const history = await ssm.send(new GetParameterHistoryCommand({ Name: name }));
    expect(history.Parameters!.map((h) => [h.Version, h.Value, h.Labels])).toEqual([
      [1, 'one', []],
      [2, 'two', []],
      [3, 'three', ['prod', 'ok.label']],
    ]);
    const page = await ssm.send(new GetParameterHistoryCommand({ Name: name, MaxResults: 2 }));
    expect(page.Parameters!.map((h) => h.Version)).toEqual([1, 2]);
    const rest = await ssm.send(new GetParameterHistoryCommand({ Name: name, NextToken: page.NextToken }));
    expect(rest.Parameters!.map((h) => h.Version)).toEqual([3]);

    expect(
      await ssm.send(
        new UnlabelParameterVersionCommand({ Name: name, ParameterVersion: 3, Labels: ['prod', 'nothere'] }),
      ),
    ).toMatchObject({ RemovedLabels: ['prod'], InvalidLabels: ['nothere'] });
    await expectError(
      ssm.send(new LabelParameterVersionCommand({ Name: name, ParameterVersion: 8, Labels: ['x'] })),
      'ParameterVersionNotFound',
      `Systems Manager could not find version 8 of ${name}. Verify the version and try again.`,
    );
    await expectError(
      ssm.send(new GetParameterHistoryCommand({ Name: unique('nohist') })),
      'ParameterNotFound',
      NO_MESSAGE,
    );
  });
});

describe('tags', () => {
  it('tags at creation, then adds, replaces, lists and removes', async () => {
    const name = `/${unique('tags')}/p`;
    await put({ Name: name, Value: 'v', Type: 'String', Tags: [{ Key: 'team', Value: 'core' }] });
    const resource = { ResourceType: 'Parameter' as const, ResourceId: name };
    await ssm.send(
      new AddTagsToResourceCommand({
        ...resource,
        Tags: [
          { Key: 'team', Value: 'edge' },
          { Key: 'env', Value: 'dev' },
        ],
      }),
    );
    expect((await ssm.send(new ListTagsForResourceCommand(resource))).TagList).toEqual([
      { Key: 'team', Value: 'edge' },
      { Key: 'env', Value: 'dev' },
    ]);
    await ssm.send(new RemoveTagsFromResourceCommand({ ...resource, TagKeys: ['team', 'absent'] }));
    expect((await ssm.send(new ListTagsForResourceCommand(resource))).TagList).toEqual([
      { Key: 'env', Value: 'dev' },
    ]);
    const tags = await ssm.send(
      new DescribeParametersCommand({
        ParameterFilters: [
          { Key: 'tag:env', Values: ['dev'] },
          { Key: 'Name', Values: [name] },
        ],
      }),
    );
    expect(tags.Parameters!.map((p) => p.Name)).toEqual([name]);
  });

  it('answers InvalidResourceId, enum violations and TooManyTagsError', async () => {
    await expectError(
      ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: unique('notag') })),
      'InvalidResourceId',
      NO_MESSAGE,
    );
    await expectError(
      ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Bucket' as 'Parameter', ResourceId: 'x' })),
      'ValidationException',
      "1 validation error detected: Value 'Bucket' at 'resourceType' failed to satisfy constraint: Member must " +
        'satisfy enum value set: [Document, ManagedInstance, MaintenanceWindow, Parameter, PatchBaseline, OpsItem, ' +
        'OpsMetadata, Automation, Association]',
    );
    const name = unique('many');
    await put({ Name: name, Value: 'v', Type: 'String' });
    const tags = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await expectError(
      ssm.send(new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: name, Tags: tags })),
      'TooManyTagsError',
      'A resource can have at most 50 tags; this request would leave it with 51.',
    );
  });
});
