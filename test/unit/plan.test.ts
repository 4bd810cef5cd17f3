// Planning, applying and tearing down the ingest pipeline against an in-memory fake AWS: every
// resource kind's diff, idempotence (zero mutating calls), dry runs, resumption, teardown.
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classifyCommand } from '../../src/aws/counter.js';
import { desiredState, openSession } from '../../src/cli/session.js';
import { runDown } from '../../src/commands/down.js';
import { runUp } from '../../src/commands/up.js';
import { resolveIngestToken, secretsPath } from '../../src/config/secrets.js';
import { FaasError } from '../../src/errors.js';
import { applyPlan } from '../../src/provision/applier.js';
import { collectArtifacts, sha256Base64 } from '../../src/provision/artifacts.js';
import { planUp } from '../../src/provision/planner.js';
import type { Plan } from '../../src/provision/types.js';
import { DRIFTS } from './fake/drifts.js';
import { BASE_CONFIG, type Harness, harness } from './fake/harness.js';

const BUCKET = 'demo-ingest-123456789012-eu-west-1';
const ACCOUNT = '123456789012';

let h: Harness;
beforeEach(() => {
  h = harness();
});
afterEach(() => h.cleanup());

async function planNow(target: Harness = h) {
  const session = await openSession({}, target.deps);
  const token = await resolveIngestToken(session.config, false);
  const state = desiredState(session, token.token ?? '');
  session.ctx.artifacts = await collectArtifacts(state, target.deps.artifacts);
  const plan = await session.counter.readOnlyDuring(() => planUp(state, session.ctx));
  return { plan, ctx: session.ctx, counter: session.counter };
}

const find = (plan: Plan, resource: string) => {
  const item = plan.items.find((i) => i.resource === resource);
  if (!item) throw new Error(`no ${resource} in plan: ${plan.items.map((i) => i.resource).join(', ')}`);
  return item;
};
const changed = (plan: Plan) =>
  plan.items.filter((i) => i.action !== 'unchanged').map((i) => `${i.action} ${i.resource}: ${i.reason}`);

describe('call classification', () => {
  it('treats Get/List/Describe/Head/Test as reads and everything else as mutating', () => {
    for (const read of [
      'GetFunctionCommand',
      'ListTargetsByRuleCommand',
      'DescribeRuleCommand',
      'HeadBucketCommand',
      'TestEventPatternCommand',
    ]) {
      expect(classifyCommand(read)).toBe('read');
    }
    for (const write of [
      'PutRuleCommand',
      'CreateRoleCommand',
      'AddPermissionCommand',
      'PublishVersionCommand',
      'TagResourceCommand',
    ]) {
      expect(classifyCommand(write)).toBe('mutating');
    }
  });
});

describe('faas up', () => {
  it('creates the whole ingest flow, then a second up makes zero mutating calls', async () => {
    expect(await runUp({ yes: true }, h.deps)).toBe(0);
    expect(h.lastCounter().mutations).toBeGreaterThan(20);
    expect(h.fake.resourceCount()).toBe(11);
    expect(h.out).toContain('Plan: 13 to create, 0 to update, 0 unchanged.');

    h.out.length = 0;
    expect(await runUp({}, h.deps)).toBe(0);
    expect(h.lastCounter().mutatingCalls()).toEqual([]);
    expect(h.lastCounter().reads).toBeGreaterThan(0);
    expect(h.out).toContain('Plan: 0 to create, 0 to update, 13 unchanged.');
    expect(h.out.at(-1)).toBe('Nothing to change: everything is up to date.');
  });

  it('--dry-run prints the plan and makes no mutating call (and stores no secret)', async () => {
    expect(await runUp({ dryRun: true }, h.deps)).toBe(0);
    expect(h.lastCounter().mutations).toBe(0);
    expect(h.fake.resourceCount()).toBe(0);
    expect(h.out).toContain('  + create    role demo-ingest-api-role: does not exist');
    expect(h.out).toContain(
      `  + create    permission demo-ingest-api:live faas-http-demo-ingest-http: does not exist`,
    );
    expect(h.out.at(-1)).toBe('Dry run: nothing was changed.');
    await expect(readFile(secretsPath(h.dir), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('builds exactly the least-privilege roles, wiring and settings the flow needs', async () => {
    await runUp({ yes: true }, h.deps);
    const { fake } = h;
    const inline = (role: string) => JSON.parse(fake.roles.get(role)!.inline.get('least-privilege')!);
    expect(inline('demo-ingest-api-role').Statement).toEqual([
      {
        Effect: 'Allow',
        Action: 'events:PutEvents',
        Resource: `arn:aws:events:eu-west-1:${ACCOUNT}:event-bus/demo-ingest-bus`,
      },
      {
        // Only its own parameter: the token, decrypted with the account's aws/ssm key.
        Effect: 'Allow',
        Action: 'ssm:GetParameter',
        Resource: `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/demo/ingest/token`,
      },
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/lambda/demo-ingest-api:*`,
      },
    ]);
    expect(inline('demo-ingest-store-role').Statement[0]).toEqual({
      Effect: 'Allow',
      Action: 's3:PutObject',
      Resource: `arn:aws:s3:::${BUCKET}/events/*`,
    });
    expect(JSON.parse(fake.roles.get('demo-ingest-api-role')!.trust).Statement[0].Principal).toEqual({
      Service: 'lambda.amazonaws.com',
    });

    const rule = fake.rules.get('demo-ingest-bus/demo-ingest-to-store')!;
    expect(JSON.parse(rule.pattern)).toEqual({ source: ['faas.api'] });
    expect(rule.targets).toEqual([
      { Id: 'store', Arn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:demo-ingest-store:live` },
    ]);

    const store = fake.functions.get('demo-ingest-store')!;
    expect(store.aliases.get('live')).toBe('1');
    expect(store.latest.Environment.Variables).toEqual({ BUCKET_NAME: BUCKET });
    expect(store.tags).toEqual({ 'faas:project': 'demo', 'faas:flow': 'ingest' });
    expect(store.policies.get('live')![0]).toMatchObject({
      Principal: { Service: 'events.amazonaws.com' },
      Condition: {
        ArnLike: {
          'AWS:SourceArn': `arn:aws:events:eu-west-1:${ACCOUNT}:rule/demo-ingest-bus/demo-ingest-to-store`,
        },
        StringEquals: { 'AWS:SourceAccount': ACCOUNT },
      },
    });

    const bucket = fake.buckets.get(BUCKET)!;
    expect(bucket.encryption).toBe('AES256');
    expect(Object.values(bucket.publicAccessBlock!)).toEqual([true, true, true, true]);
    expect(JSON.parse(bucket.policy!).Statement[0]).toMatchObject({
      Effect: 'Deny',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });

    const [api] = [...fake.apis.values()];
    const [route] = [...api!.routes.values()];
    const integration = api!.integrations.get(String(route!['Target']).replace('integrations/', ''));
    expect(route!['RouteKey']).toBe('POST /events');
    expect(integration).toMatchObject({
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:demo-ingest-api:live`,
      PayloadFormatVersion: '2.0',
    });
    expect(api!.stages.get('$default')).toEqual({ StageName: '$default', AutoDeploy: true });
    const apiFn = fake.functions.get('demo-ingest-api')!;
    expect(apiFn.policies.get('live')![0]).toMatchObject({
      Principal: { Service: 'apigateway.amazonaws.com' },
      Condition: {
        ArnLike: { 'AWS:SourceArn': `arn:aws:execute-api:eu-west-1:${ACCOUNT}:${api!.ApiId}/*/*/events` },
      },
    });
    expect(h.out).toContain(`Ingest endpoint: POST ${api!.ApiEndpoint}/events (header "token")`);
  });

  it('generates a token once into .faas/secrets.json (0600) and reuses it; FAAS_TOKEN wins', async () => {
    await runUp({ yes: true }, h.deps);
    const file = secretsPath(h.dir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(await readFile(file, 'utf8')).projects.demo.flows.ingest.token as string;
    expect(stored).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(h.fake.parameters.get('/demo/ingest/token')!.value).toBe(stored);
    expect(h.fake.functions.get('demo-ingest-api')!.latest.Environment.Variables).toEqual({
      BUS_NAME: 'demo-ingest-bus',
      TOKEN_PARAMETER: '/demo/ingest/token',
    });

    await runUp({}, h.deps);
    expect(h.lastCounter().mutations).toBe(0);

    const withEnv = { ...h.deps, env: { FAAS_TOKEN: 'a-token-from-the-environment' } };
    expect(await runUp({ yes: true }, withEnv)).toBe(0);
    expect(h.out).toContain('  ~ update    parameter /demo/ingest/token: value differs (secret, not shown)');
    expect(h.out.join('\n')).not.toContain('a-token-from-the-environment');
    expect(h.fake.parameters.get('/demo/ingest/token')!.value).toBe('a-token-from-the-environment');
  });

  it('asks before changing existing resources: usage error without a terminal, abort on "no"', async () => {
    await runUp({ yes: true }, h.deps);
    h.writeConfig({ ...BASE_CONFIG, memory: 512 });
    const error = await runUp({}, h.deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FaasError);
    expect((error as FaasError).message).toBe(
      'faas up would change 2 existing resources and needs confirmation',
    );
    expect((error as FaasError).exitCode).toBe(2);

    const tty = { ...h.deps, output: { ...h.deps.output, isTTY: true }, confirm: async () => false };
    expect(await runUp({}, tty)).toBe(1);
    expect(h.err).toContain('Aborted: nothing was changed.');
    expect(h.lastCounter().mutations).toBe(0);
  });
});

describe('diff per resource kind', () => {
  for (const { resource, drift, reason } of DRIFTS) {
    it(`${resource}: reports "${reason}" and converges`, async () => {
      await runUp({ yes: true }, h.deps);
      drift(h);
      const { plan } = await planNow();
      const item = find(plan, resource);
      expect(item.action).toBe('update');
      expect(item.reason.replace(/integration int\w+ unused/, 'integration int unused')).toBe(reason);
      expect(changed(plan)).toHaveLength(1);

      expect(await runUp({ yes: true }, h.deps)).toBe(0);
      const after = await planNow();
      expect(changed(after.plan)).toEqual([]);
    });
  }

  it('function code: compares the built zip with the deployed CodeSha256 and moves live', async () => {
    await runUp({ yes: true }, h.deps);
    const before = sha256Base64(new TextEncoder().encode('api v1'));
    h.codeVersion['api'] = 2;
    const after = sha256Base64(new TextEncoder().encode('api v2'));
    const { plan } = await planNow();
    expect(changed(plan)).toEqual([
      `update function demo-ingest-api: code ${before.slice(0, 8)} → ${after.slice(0, 8)}`,
    ]);
    await runUp({ yes: true }, h.deps);
    const fn = h.fake.functions.get('demo-ingest-api')!;
    expect(fn.aliases.get('live')).toBe('2');
    expect(fn.versions.get('2')!.CodeSha256).toBe(after);
  });

  it('config changes reach every function they apply to', async () => {
    await runUp({ yes: true }, h.deps);
    h.writeConfig({
      ...BASE_CONFIG,
      flows: { ingest: { functions: { api: { memory: 1024, timeout: 30 } } } },
    });
    const { plan } = await planNow();
    expect(changed(plan)).toEqual([
      'update function demo-ingest-api: memory (MB) 256 → 1024; timeout (s) 10 → 30',
    ]);
  });
});

describe('interrupted and retried applies', () => {
  it('an apply aborted half-way is resumed by the next up, which then converges', async () => {
    h.fake.fail('CreateRouteCommand', () => new Error('socket hang up'));
    const error = (await runUp({ yes: true }, h.deps).catch((e: unknown) => e)) as FaasError;
    expect(error).toBeInstanceOf(FaasError);
    expect(error.message).toBe('create httpApi demo-ingest-http failed');
    expect(error.hint).toBe(
      'Nothing was rolled back: fix the cause and run `faas up` again; it continues from what exists.',
    );

    // The API exists without its route; what had not started yet is still to create.
    const { plan } = await planNow();
    expect(find(plan, 'httpApi demo-ingest-http').reason).toMatch(
      /^route POST \/events missing; integration \w+ unused/,
    );
    expect(find(plan, 'permission demo-ingest-api:live faas-http-demo-ingest-http').action).toBe('create');
    expect(find(plan, 'role demo-ingest-api-role').action).toBe('unchanged');
    expect(await runUp({ yes: true }, h.deps)).toBe(0);
    expect(changed((await planNow()).plan)).toEqual([]);
    expect(h.fake.apis.size).toBe(1);
  });

  it('a crash between updating and publishing is seen as `live` lagging, and fixed', async () => {
    await runUp({ yes: true }, h.deps);
    h.writeConfig({ ...BASE_CONFIG, timeout: 20 });
    h.fake.fail('PublishVersionCommand', () => new Error('connection reset'));
    await expect(runUp({ yes: true }, h.deps)).rejects.toThrow('update function demo-ingest-api failed');

    const { plan } = await planNow();
    expect(find(plan, 'function demo-ingest-api').reason).toBe(
      'alias live is on version 1, behind the latest code/configuration',
    );
    await runUp({ yes: true }, h.deps);
    const fn = h.fake.functions.get('demo-ingest-api')!;
    expect(fn.versions.get(fn.aliases.get('live')!)!.Timeout).toBe(20);
    expect(changed((await planNow()).plan)).toEqual([]);
  });

  it('retries a role Lambda cannot assume yet with exponential backoff', async () => {
    h.fake.lambda.roleNotAssumable = 2;
    expect(await runUp({ yes: true }, h.deps)).toBe(0);
    expect(h.sleeps).toEqual([1_000, 2_000]);
    expect(
      h.out.some((l) =>
        l.includes('Lambda cannot assume the new role yet (IAM propagation); retry 1/2 in 1.0s'),
      ),
    ).toBe(true);
  });

  it('gives up after the bounded attempts with a clear message', async () => {
    h.fake.lambda.roleNotAssumable = 100;
    const { plan, ctx } = await planNow();
    const error = (await applyPlan(plan, ctx, { concurrency: 1 }).catch((e: unknown) => e)) as FaasError;
    expect(error.code).toBe('RoleNotAssumable');
    expect(error.message).toBe(
      `Lambda still cannot assume role arn:aws:iam::${ACCOUNT}:role/demo-ingest-api-role for demo-ingest-api ` +
        'after 3 attempts over 3s',
    );
    expect(h.sleeps).toEqual([1_000, 2_000]);
  });
});

describe('faas down', () => {
  it('deletes everything in reverse dependency order; a second down does nothing', async () => {
    await runUp({ yes: true }, h.deps);
    expect(await runDown({ yes: true }, h.deps)).toBe(0);
    expect(h.fake.resourceCount()).toBe(0);
    expect(h.out).toContain('Done: 13 deleted.');
    const log = h.fake.log;
    expect(log.indexOf('DeleteRuleCommand')).toBeLessThan(log.indexOf('DeleteEventBusCommand'));
    expect(log.lastIndexOf('DeleteFunctionCommand')).toBeLessThan(log.indexOf('DeleteRoleCommand'));

    h.out.length = 0;
    expect(await runDown({ yes: true }, h.deps)).toBe(0);
    expect(h.out.at(-1)).toBe('Nothing to delete.');
    expect(h.lastCounter().mutations).toBe(0);
  });

  it('keeps a bucket with objects unless --force', async () => {
    await runUp({ yes: true }, h.deps);
    for (const key of ['events/1.json', 'events/2.json', 'events/3.json'])
      h.fake.buckets.get(BUCKET)!.objects.set(key, '{}');
    expect(await runDown({ yes: true }, h.deps)).toBe(0);
    expect(h.fake.resourceCount()).toBe(1);
    expect(h.out).toContain(
      `Kept bucket ${BUCKET}: not empty: kept (pass --force to delete it with its objects)`,
    );

    expect(await runDown({ yes: true, force: true }, h.deps)).toBe(0);
    expect(h.fake.resourceCount()).toBe(0);
  });

  it('needs --yes without a terminal and deletes nothing when the answer is no', async () => {
    await runUp({ yes: true }, h.deps);
    const error = (await runDown({}, h.deps).catch((e: unknown) => e)) as FaasError;
    expect(error.message).toBe('faas down would delete 13 resources and needs confirmation');
    expect(error.exitCode).toBe(2);
    const tty = { ...h.deps, output: { ...h.deps.output, isTTY: true }, confirm: async () => false };
    expect(await runDown({}, tty)).toBe(1);
    expect(h.fake.resourceCount()).toBe(11);
  });
});
