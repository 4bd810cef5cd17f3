// The ingest flow's database path against the in-memory fake AWS: the parameters (SecureString,
// values never printed), the db function's least-privilege role, its rule and permission, VPC
// settings, idempotence and teardown. Migration needs a server: see test/integration.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { desiredState, openSession } from '../../src/cli/session.js';
import { runDown } from '../../src/commands/down.js';
import { runUp } from '../../src/commands/up.js';
import { applyPlan } from '../../src/provision/applier.js';
import { collectArtifacts } from '../../src/provision/artifacts.js';
import { planUp } from '../../src/provision/planner.js';
import { BASE_CONFIG, type Harness, harness } from './fake/harness.js';

const ACCOUNT = '123456789012';
const PASSWORD = 'pa55-w0rd-never-shown';
const URL_A = `postgres://app:${PASSWORD}@db.internal:5432/events?sslmode=require`;
const TOKEN = 'a-token-of-twenty-chars';

let h: Harness;
beforeEach(() => {
  h = harness();
  h.writeConfig({ ...BASE_CONFIG, flows: { ingest: { token: TOKEN } } });
});
afterEach(() => h.cleanup());

/** Plans (and with `apply`, applies) the desired state with this database URL. */
async function deploy(url: string | undefined, apply = true) {
  const session = await openSession({}, h.deps);
  const state = desiredState(session, TOKEN, url);
  session.ctx.artifacts = await collectArtifacts(state, h.deps.artifacts);
  const plan = await session.counter.readOnlyDuring(() => planUp(state, session.ctx));
  if (apply) await applyPlan(plan, session.ctx, {});
  return { plan, counter: session.counter };
}

const changes = (plan: Awaited<ReturnType<typeof deploy>>['plan']) =>
  plan.items.filter((i) => i.action !== 'unchanged').map((i) => `${i.action} ${i.resource}: ${i.reason}`);

describe('the db path', () => {
  it('creates the parameters, the db function, its rule and permission; a second plan is unchanged', async () => {
    const { plan } = await deploy(URL_A);
    expect(plan.items.filter((i) => i.action === 'create')).toHaveLength(19);
    const { fake } = h;
    expect(fake.parameters.get('/demo/ingest/database-url')).toMatchObject({
      value: URL_A,
      type: 'SecureString',
    });
    expect(fake.parameters.get('/demo/ingest/token')).toMatchObject({ value: TOKEN, type: 'SecureString' });
    expect(fake.parameters.get('/demo/ingest/token')!.tags).toEqual({
      'faas:project': 'demo',
      'faas:flow': 'ingest',
    });

    const db = fake.functions.get('demo-ingest-db')!;
    expect(db.latest.Environment.Variables).toEqual({ DATABASE_URL_PARAMETER: '/demo/ingest/database-url' });
    expect(db.latest.VpcConfig).toBeUndefined();
    expect(
      JSON.parse(fake.roles.get('demo-ingest-db-role')!.inline.get('least-privilege')!).Statement,
    ).toEqual([
      {
        Effect: 'Allow',
        Action: 'ssm:GetParameter',
        Resource: `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/demo/ingest/database-url`,
      },
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/lambda/demo-ingest-db:*`,
      },
    ]);
    const rule = fake.rules.get('demo-ingest-bus/demo-ingest-to-db')!;
    expect(JSON.parse(rule.pattern)).toEqual({ source: ['faas.api'] });
    expect(rule.targets).toEqual([
      expect.objectContaining({
        Id: 'db',
        Arn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:demo-ingest-db:live`,
      }),
    ]);
    const statement = db.policies.get('live')![0] as { Condition: { ArnLike: Record<string, string> } };
    expect(statement.Condition.ArnLike['AWS:SourceArn']).toBe(
      `arn:aws:events:eu-west-1:${ACCOUNT}:rule/demo-ingest-bus/demo-ingest-to-db`,
    );

    const again = await deploy(URL_A, false);
    expect(changes(again.plan)).toEqual([]);
  });

  it('a changed URL is an update of the parameter that never shows the value', async () => {
    await deploy(URL_A);
    const { plan } = await deploy(URL_A.replace('db.internal', 'db2.internal'));
    expect(changes(plan)).toEqual([
      'update parameter /demo/ingest/database-url: value differs (secret, not shown)',
    ]);
    expect(JSON.stringify(plan.items.map((i) => i.reason))).not.toContain(PASSWORD);
    expect(h.fake.parameters.get('/demo/ingest/database-url')!.value).toContain('db2.internal');
    expect(h.fake.parameters.get('/demo/ingest/database-url')!.version).toBe(2);
  });

  it('puts the db function into the configured VPC, with the ENI actions Lambda needs', async () => {
    const vpc = { subnetIds: ['subnet-0aa', 'subnet-0bb'], securityGroupIds: ['sg-0cc'] };
    h.writeConfig({ ...BASE_CONFIG, flows: { ingest: { token: TOKEN, database: { vpc } } } });
    await deploy(URL_A);
    const db = h.fake.functions.get('demo-ingest-db')!;
    expect(db.latest.VpcConfig).toMatchObject({
      SubnetIds: vpc.subnetIds,
      SecurityGroupIds: vpc.securityGroupIds,
    });
    const statements = JSON.parse(
      h.fake.roles.get('demo-ingest-db-role')!.inline.get('least-privilege')!,
    ).Statement;
    expect(statements[1]).toEqual({
      Effect: 'Allow',
      Action: [
        'ec2:CreateNetworkInterface',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DeleteNetworkInterface',
        'ec2:AssignPrivateIpAddresses',
        'ec2:UnassignPrivateIpAddresses',
      ],
      Resource: '*',
    });
    expect(h.fake.functions.get('demo-ingest-api')!.latest.VpcConfig).toBeUndefined();

    // Dropping the VPC setting takes the function out of it.
    h.writeConfig({ ...BASE_CONFIG, flows: { ingest: { token: TOKEN } } });
    const { plan } = await deploy(URL_A);
    expect(changes(plan)).toContain(
      'update function demo-ingest-db: subnets subnet-0aa,subnet-0bb → none; security groups sg-0cc → none',
    );
    expect(h.fake.functions.get('demo-ingest-db')!.latest.VpcConfig).toMatchObject({ SubnetIds: [] });
  });
});

describe('faas up and down on AWS without a database', () => {
  it('deploys the S3 path only, with a note, and down removes the parameters too', async () => {
    expect(await runUp({ yes: true }, h.deps)).toBe(0);
    expect(h.out).toContain(
      'Note: no database configured, so the db path is not deployed (set flows.ingest.database.url or FAAS_DATABASE_URL).',
    );
    expect(h.fake.functions.has('demo-ingest-db')).toBe(false);
    expect(h.fake.parameters.has('/demo/ingest/token')).toBe(true);

    // A db path deployed earlier (say with FAAS_DATABASE_URL) is found by name and removed.
    await deploy(URL_A);
    h.out.length = 0;
    expect(await runDown({ yes: true }, h.deps)).toBe(0);
    expect(h.out).toContain('Done: 19 deleted.');
    expect(h.fake.resourceCount()).toBe(0);
  });
});
