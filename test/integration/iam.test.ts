import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  PutRolePolicyCommand,
  paginateListRoles,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { startLocalCloud } from '../../src/local/index.js';
import { useLocalCloud } from '../helpers/localCloud.js';

let iam: IAMClient;
let counter = 0;
const unique = (base: string): string => `${base}-${process.pid}-${++counter}`;

const client = (endpoint: string): IAMClient =>
  new IAMClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // The SDK retries LimitExceededException as throttling; one attempt keeps error tests direct.
    maxAttempts: 1,
  });

const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const policy = (action = 's3:GetObject', resource = 'arn:aws:s3:::bucket/*'): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
  });

useLocalCloud((l) => {
  iam = client(l.endpoint);
});

const createRole = (
  RoleName: string,
  extra: Partial<ConstructorParameters<typeof CreateRoleCommand>[0]> = {},
) => iam.send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: trust, ...extra }));

describe('IAM roles through the real SDK client', () => {
  it('creates a role and reads it back with its URL-encoded trust policy', async () => {
    const name = unique('fn-role');
    const created = await createRole(name, {
      Path: '/faas/',
      Description: 'the store function',
      MaxSessionDuration: 7200,
      Tags: [
        { Key: 'faas:project', Value: 'demo' },
        { Key: 'faas:flow', Value: 'ingest' },
      ],
    });
    const role = created.Role!;
    expect(role.RoleName).toBe(name);
    expect(role.Path).toBe('/faas/');
    expect(role.Arn).toBe(`arn:aws:iam::000000000000:role/faas/${name}`);
    expect(role.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/);
    expect(role.CreateDate).toBeInstanceOf(Date);
    expect(role.MaxSessionDuration).toBe(7200);
    expect(role.Tags).toEqual([
      { Key: 'faas:project', Value: 'demo' },
      { Key: 'faas:flow', Value: 'ingest' },
    ]);
    // AWS sends policy documents percent-encoded and the SDK does not decode them.
    expect(role.AssumeRolePolicyDocument).toContain('%7B%22Version%22');
    expect(JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!))).toEqual(JSON.parse(trust));

    const got = (await iam.send(new GetRoleCommand({ RoleName: name }))).Role!;
    expect(got.RoleId).toBe(role.RoleId);
    expect(got.Arn).toBe(role.Arn);
    expect(got.Description).toBe('the store function');
    expect(got.CreateDate?.getTime()).toBe(role.CreateDate?.getTime());
    expect(got.RoleLastUsed).toEqual({});
    expect(decodeURIComponent(got.AssumeRolePolicyDocument!)).toBe(trust);
  });

  it('finds a role whatever the letter case of its name, and refuses a duplicate in another case', async () => {
    const name = unique('CaseRole');
    await createRole(name);
    const got = await iam.send(new GetRoleCommand({ RoleName: name.toLowerCase() }));
    expect(got.Role?.RoleName).toBe(name);
    await expect(createRole(name.toUpperCase())).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      $metadata: { httpStatusCode: 409 },
    });
  });

  it('answers EntityAlreadyExists (409) for a duplicate role', async () => {
    const name = unique('dup');
    await createRole(name);
    await expect(createRole(name)).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: `Role with name ${name} already exists.`,
      $metadata: { httpStatusCode: 409 },
    });
  });

  it('answers NoSuchEntity (404) with AWS message for a missing role', async () => {
    await expect(iam.send(new GetRoleCommand({ RoleName: 'no-such-role' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The role with name no-such-role cannot be found.',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(iam.send(new DeleteRoleCommand({ RoleName: 'no-such-role' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('validates role names, paths, session durations and descriptions with ValidationError', async () => {
    await expect(createRole('bad name!')).rejects.toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value 'bad name!' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
      $metadata: { httpStatusCode: 400 },
    });
    await expect(createRole('x'.repeat(65))).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining('Member must have length less than or equal to 64'),
    });
    await expect(createRole(unique('p'), { Path: 'no-slashes' })).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining("at 'path'"),
    });
    await expect(createRole(unique('m'), { MaxSessionDuration: 60 })).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining('Member must have value greater than or equal to 3600'),
    });
    await expect(
      createRole('bad name!', { MaxSessionDuration: 50_000, Description: 'd'.repeat(1001) }),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringMatching(/^3 validation errors detected: /),
    });
    // 64 characters is fine.
    const longest = `a${counter}`.padEnd(64, 'z');
    await expect(createRole(longest)).resolves.toBeDefined();
  });

  it('refuses malformed trust policies with MalformedPolicyDocument', async () => {
    const cases: [string, string][] = [
      ['{not json', 'This policy contains invalid Json'],
      [JSON.stringify({ Version: '2012-10-17' }), 'Syntax errors in policy.'],
      [
        JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Maybe', Action: 'sts:AssumeRole' }] }),
        'Syntax errors in policy.',
      ],
      [
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'lambda.amazonaws.com' },
              Action: 'sts:AssumeRole',
              Resource: '*',
            },
          ],
        }),
        'Has prohibited field Resource.',
      ],
      [
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'x' } }],
        }),
        'Policy statement must contain actions.',
      ],
      [
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject' }],
        }),
        'AssumeRole policy may only specify STS AssumeRole actions.',
      ],
    ];
    for (const [document, message] of cases) {
      await expect(createRole(unique('mal'), { AssumeRolePolicyDocument: document })).rejects.toMatchObject({
        name: 'MalformedPolicyDocumentException',
        message,
        $metadata: { httpStatusCode: 400 },
      });
    }
  });

  it('replaces the trust policy with UpdateAssumeRolePolicy and updates the description', async () => {
    const name = unique('upd');
    await createRole(name);
    const next = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ],
    });
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: next }));
    await iam.send(new UpdateRoleCommand({ RoleName: name, Description: 'now for step functions' }));
    const role = (await iam.send(new GetRoleCommand({ RoleName: name }))).Role!;
    expect(decodeURIComponent(role.AssumeRolePolicyDocument!)).toBe(next);
    expect(role.Description).toBe('now for step functions');
    await expect(
      iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: '[]' })),
    ).rejects.toMatchObject({ name: 'MalformedPolicyDocumentException' });
    await expect(
      iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: unique('missing'), PolicyDocument: next })),
    ).rejects.toMatchObject({ name: 'NoSuchEntityException', $metadata: { httpStatusCode: 404 } });
  });
});

describe('IAM inline role policies', () => {
  it('puts, gets (URL-encoded), lists and deletes inline policies', async () => {
    const name = unique('inline');
    await createRole(name);
    const doc = JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['s3:PutObject'], Resource: 'arn:aws:s3:::b/events/*' }],
      },
      null,
      2,
    );
    await iam.send(
      new PutRolePolicyCommand({ RoleName: name, PolicyName: 'write-events', PolicyDocument: doc }),
    );
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: name,
        PolicyName: 'a-logs',
        PolicyDocument: policy('logs:*', '*'),
      }),
    );

    const got = await iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: 'write-events' }));
    expect(got.RoleName).toBe(name);
    expect(got.PolicyName).toBe('write-events');
    // The document is returned URL-encoded (spaces and newlines included), exactly as submitted.
    expect(got.PolicyDocument).toMatch(/^%7B%0A%20%20%22Version%22/);
    expect(decodeURIComponent(got.PolicyDocument!)).toBe(doc);

    const listed = await iam.send(new ListRolePoliciesCommand({ RoleName: name }));
    expect(listed.PolicyNames).toEqual(['a-logs', 'write-events']);
    expect(listed.IsTruncated).toBe(false);

    const page1 = await iam.send(new ListRolePoliciesCommand({ RoleName: name, MaxItems: 1 }));
    expect(page1.PolicyNames).toEqual(['a-logs']);
    expect(page1.IsTruncated).toBe(true);
    const page2 = await iam.send(
      new ListRolePoliciesCommand({ RoleName: name, MaxItems: 1, Marker: page1.Marker }),
    );
    expect(page2.PolicyNames).toEqual(['write-events']);
    expect(page2.IsTruncated).toBe(false);

    // Replacing keeps one policy under that name.
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: name,
        PolicyName: 'a-logs',
        PolicyDocument: policy('logs:PutLogEvents', '*'),
      }),
    );
    const replaced = await iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: 'a-logs' }));
    expect(decodeURIComponent(replaced.PolicyDocument!)).toBe(policy('logs:PutLogEvents', '*'));

    await expect(iam.send(new DeleteRoleCommand({ RoleName: name }))).rejects.toMatchObject({
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must delete policies first.',
      $metadata: { httpStatusCode: 409 },
    });
    await iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName: 'write-events' }));
    await iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName: 'a-logs' }));
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: name }))).PolicyNames).toEqual([]);
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name }));
    expect(attached.AttachedPolicies).toEqual([]);
    await iam.send(new DeleteRoleCommand({ RoleName: name }));
    await expect(iam.send(new GetRoleCommand({ RoleName: name }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
  });

  it('answers NoSuchEntity for a missing inline policy or role', async () => {
    const name = unique('nopol');
    await createRole(name);
    await expect(
      iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: 'nope' })),
    ).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The role policy with name nope cannot be found.',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(
      iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName: 'nope' })),
    ).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(
      iam.send(
        new PutRolePolicyCommand({ RoleName: unique('ghost'), PolicyName: 'p', PolicyDocument: policy() }),
      ),
    ).rejects.toMatchObject({ name: 'NoSuchEntityException', $metadata: { httpStatusCode: 404 } });
    await expect(
      iam.send(new ListAttachedRolePoliciesCommand({ RoleName: unique('ghost') })),
    ).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
  });

  it('refuses malformed identity policies with MalformedPolicyDocument', async () => {
    const name = unique('badpol');
    await createRole(name);
    const cases: [string, string][] = [
      ['nope', 'This policy contains invalid Json'],
      [
        JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }] }),
        'Policy statement must contain resources.',
      ],
      [
        JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Resource: '*' }] }),
        'Policy statement must contain actions.',
      ],
      [
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }],
        }),
        'Policy document should not specify a principal.',
      ],
      [
        policy('GetObject', '*'),
        'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
      ],
      [policy('s3:GetObject', 'bucket'), 'Resource bucket must be in ARN format or "*".'],
      [
        JSON.stringify({
          Version: '2008-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
        }),
        'Policy document must be version 2012-10-17 or greater.',
      ],
      [
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*', Extra: 1 }],
        }),
        'Syntax errors in policy.',
      ],
    ];
    for (const [document, message] of cases) {
      await expect(
        iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'p', PolicyDocument: document })),
      ).rejects.toMatchObject({
        name: 'MalformedPolicyDocumentException',
        message,
        $metadata: { httpStatusCode: 400 },
      });
    }
  });
});

describe('IAM role tags and listing', () => {
  it('tags, lists and untags a role; tag keys are case-insensitive', async () => {
    const name = unique('tagged');
    await createRole(name, { Tags: [{ Key: 'team', Value: 'a' }] });
    await iam.send(
      new TagRoleCommand({
        RoleName: name,
        Tags: [
          { Key: 'TEAM', Value: 'b' },
          { Key: 'env', Value: 'dev' },
          { Key: 'empty', Value: '' },
        ],
      }),
    );
    const tags = await iam.send(new ListRoleTagsCommand({ RoleName: name }));
    expect(tags.Tags).toEqual([
      { Key: 'empty', Value: '' },
      { Key: 'env', Value: 'dev' },
      { Key: 'TEAM', Value: 'b' },
    ]);
    const page = await iam.send(new ListRoleTagsCommand({ RoleName: name, MaxItems: 2 }));
    expect(page.Tags).toHaveLength(2);
    expect(page.IsTruncated).toBe(true);
    const rest = await iam.send(
      new ListRoleTagsCommand({ RoleName: name, MaxItems: 2, Marker: page.Marker }),
    );
    expect(rest.Tags).toEqual([{ Key: 'TEAM', Value: 'b' }]);

    await iam.send(new UntagRoleCommand({ RoleName: name, TagKeys: ['team', 'not-there'] }));
    const after = await iam.send(new ListRoleTagsCommand({ RoleName: name }));
    expect(after.Tags?.map((t) => t.Key)).toEqual(['empty', 'env']);
    expect((await iam.send(new GetRoleCommand({ RoleName: name }))).Role?.Tags).toEqual([
      { Key: 'env', Value: 'dev' },
      { Key: 'empty', Value: '' },
    ]);
  });

  it('refuses duplicate tag keys, bad keys and more than 50 tags', async () => {
    const name = unique('tagerr');
    await createRole(name);
    await expect(
      iam.send(
        new TagRoleCommand({
          RoleName: name,
          Tags: [
            { Key: 'a', Value: '1' },
            { Key: 'A', Value: '2' },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidInputException', $metadata: { httpStatusCode: 400 } });
    await expect(
      iam.send(new TagRoleCommand({ RoleName: name, Tags: [{ Key: 'bad*key', Value: '1' }] })),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining("at 'tags.1.member.key'"),
    });
    const many = Array.from({ length: 30 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await iam.send(new TagRoleCommand({ RoleName: name, Tags: many }));
    await expect(
      iam.send(
        new TagRoleCommand({
          RoleName: name,
          Tags: Array.from({ length: 21 }, (_, i) => ({ Key: `n${i}`, Value: 'v' })),
        }),
      ),
    ).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for TagsPerRole: 50',
      $metadata: { httpStatusCode: 409 },
    });
    await expect(
      iam.send(new TagRoleCommand({ RoleName: unique('ghost'), Tags: [{ Key: 'a', Value: 'b' }] })),
    ).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });

  it('lists roles by path prefix with Marker/MaxItems pagination', async () => {
    const prefix = `/list${process.pid}${++counter}/`;
    const names = ['c', 'a', 'b', 'e', 'd'].map((n) => `${n}-${counter}`);
    for (const n of names) await createRole(n, { Path: prefix });
    await createRole(unique('elsewhere'), { Path: '/other/' });

    const all = await iam.send(new ListRolesCommand({ PathPrefix: prefix }));
    expect(all.Roles?.map((r) => r.RoleName)).toEqual([...names].sort());
    expect(all.Roles?.[0]?.Tags).toBeUndefined();
    expect(all.IsTruncated).toBe(false);

    const seen: string[] = [];
    for await (const page of paginateListRoles({ client: iam, pageSize: 2 }, { PathPrefix: prefix })) {
      expect(page.Roles!.length).toBeLessThanOrEqual(2);
      seen.push(...page.Roles!.map((r) => r.RoleName!));
    }
    expect(seen).toEqual([...names].sort());

    const first = await iam.send(new ListRolesCommand({ PathPrefix: prefix, MaxItems: 2 }));
    expect(first.IsTruncated).toBe(true);
    expect(first.Marker).toBeDefined();
    await expect(iam.send(new ListRolesCommand({ MaxItems: 0 }))).rejects.toMatchObject({
      name: 'ValidationError',
    });
  });
});

describe('IAM durability', () => {
  it('keeps roles, policies and tags across a restart on the same data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'faas-iam-'));
    try {
      const first = await startLocalCloud({ port: 0, dataDir });
      const a = client(first.endpoint);
      const created = await a.send(
        new CreateRoleCommand({
          RoleName: 'durable-role',
          AssumeRolePolicyDocument: trust,
          Tags: [{ Key: 'k', Value: 'v' }],
          Description: 'kept',
        }),
      );
      await a.send(
        new PutRolePolicyCommand({ RoleName: 'durable-role', PolicyName: 'p1', PolicyDocument: policy() }),
      );
      await a.send(new CreateRoleCommand({ RoleName: 'gone-role', AssumeRolePolicyDocument: trust }));
      await a.send(new DeleteRoleCommand({ RoleName: 'gone-role' }));
      await a.send(new TagRoleCommand({ RoleName: 'durable-role', Tags: [{ Key: 'k2', Value: 'v2' }] }));
      await first.stop();

      const second = await startLocalCloud({ port: 0, dataDir });
      try {
        const b = client(second.endpoint);
        const role = (await b.send(new GetRoleCommand({ RoleName: 'durable-role' }))).Role!;
        expect(role.RoleId).toBe(created.Role?.RoleId);
        expect(role.CreateDate?.getTime()).toBe(created.Role?.CreateDate?.getTime());
        expect(role.Description).toBe('kept');
        expect(role.Tags).toEqual([
          { Key: 'k', Value: 'v' },
          { Key: 'k2', Value: 'v2' },
        ]);
        const p = await b.send(new GetRolePolicyCommand({ RoleName: 'durable-role', PolicyName: 'p1' }));
        expect(decodeURIComponent(p.PolicyDocument!)).toBe(policy());
        await expect(b.send(new GetRoleCommand({ RoleName: 'gone-role' }))).rejects.toMatchObject({
          name: 'NoSuchEntityException',
        });
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
