// IAM role tags and role listing through the real SDK client: case-insensitive tag keys, tag limits,
// and ListRoles by path prefix with Marker/MaxItems paging.

import {
  GetRoleCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  paginateListRoles,
  TagRoleCommand,
  UntagRoleCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { counter, createRole, iam, nextCounter, unique, useIamCloud } from './iamHelpers.js';

useIamCloud();

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
    const prefix = `/list${process.pid}${nextCounter()}/`;
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
