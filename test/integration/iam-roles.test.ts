// IAM roles through the real SDK client: create and read back (trust policy URL-encoded), case rules,
// errors and validation, trust policy updates, and roles, policies and tags kept across a restart.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { startLocalCloud } from '../../src/local/index.js';
import {
  iamClient as client,
  counter,
  createRole,
  iam,
  policy,
  trust,
  unique,
  useIamCloud,
} from './iamHelpers.js';

useIamCloud();

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
