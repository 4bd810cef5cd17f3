// One drift per resource kind, made directly in the fake's model, and the reason the planner
// must give for it (used by plan.test.ts).
import type { Harness } from './harness.js';

const BUCKET = 'demo-ingest-123456789012-eu-west-1';

export interface Drift {
  resource: string;
  drift: (h: Harness) => void;
  reason: string;
}

export const DRIFTS: Drift[] = [
  {
    resource: 'role demo-ingest-api-role',
    drift: ({ fake }) =>
      fake.roles.get('demo-ingest-api-role')!.attached.push({
        PolicyName: 'AdministratorAccess',
        PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      }),
    reason: 'managed policy AdministratorAccess attached',
  },
  {
    resource: 'role demo-ingest-store-role',
    drift: ({ fake }) =>
      fake.roles.get('demo-ingest-store-role')!.inline.set(
        'least-privilege',
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
        }),
      ),
    reason: 'inline policy least-privilege differs',
  },
  {
    resource: 'logGroup /aws/lambda/demo-ingest-api',
    drift: ({ fake }) => {
      fake.logGroups.get('/aws/lambda/demo-ingest-api')!.retention = 7;
    },
    reason: 'retention 7 → 14 days',
  },
  {
    resource: 'bus demo-ingest-bus',
    drift: ({ fake }) => {
      delete fake.buses.get('demo-ingest-bus')!.tags['faas:flow'];
    },
    reason: 'tags differ (faas:flow)',
  },
  {
    resource: 'rule demo-ingest-to-store',
    drift: ({ fake }) => {
      const rule = fake.rules.get('demo-ingest-bus/demo-ingest-to-store')!;
      rule.pattern = '{"source":["someone.else"]}';
      rule.targets.push({ Id: 'spy', Arn: 'arn:aws:sqs:eu-west-1:123456789012:spy' });
    },
    reason: 'event pattern differs; extra target spy',
  },
  {
    resource: 'permission demo-ingest-store:live faas-events-demo-ingest-to-store',
    drift: ({ fake }) => {
      const statement = fake.functions.get('demo-ingest-store')!.policies.get('live')![0] as {
        Condition: { ArnLike: Record<string, string> };
      };
      statement.Condition.ArnLike['AWS:SourceArn'] = 'arn:aws:events:eu-west-1:123456789012:rule/x/any';
    },
    reason:
      'source ARN arn:aws:events:eu-west-1:123456789012:rule/x/any → ' +
      'arn:aws:events:eu-west-1:123456789012:rule/demo-ingest-bus/demo-ingest-to-store',
  },
  {
    resource: `bucket ${BUCKET}`,
    drift: ({ fake }) => {
      const bucket = fake.buckets.get(BUCKET)!;
      bucket.encryption = undefined;
      bucket.publicAccessBlock = { ...bucket.publicAccessBlock, BlockPublicPolicy: false };
      bucket.policy = undefined;
    },
    reason: 'Block Public Access is not fully on; default encryption none → AES256; bucket policy missing',
  },
  {
    resource: 'function demo-ingest-store',
    drift: ({ fake }) => {
      fake.functions.get('demo-ingest-store')!.latest.MemorySize = 512;
    },
    reason: 'memory (MB) 512 → 256',
  },
  {
    resource: 'function demo-ingest-api',
    drift: ({ fake }) => {
      fake.functions.get('demo-ingest-api')!.aliases.set('live', '$LATEST');
    },
    reason: 'alias live points at $LATEST, not a published version',
  },
  {
    resource: 'httpApi demo-ingest-http',
    drift: ({ fake }) => {
      const [api] = [...fake.apis.values()];
      api!.routes.clear();
      api!.stages.get('$default')!['AutoDeploy'] = false;
    },
    reason: 'route POST /events missing; integration int unused; stage $default auto-deploy off',
  },
];
