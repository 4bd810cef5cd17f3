// IAM inline role policies through the real SDK client: put, get (URL-encoded), list and page,
// replace and delete, missing entities, and malformed identity policies.

import {
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { createRole, iam, policy, unique, useIamCloud } from './iamHelpers.js';

useIamCloud();

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
