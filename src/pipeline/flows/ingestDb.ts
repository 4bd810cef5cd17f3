// The ingest flow's database path: a second rule on the ingest bus → `db` Lambda (alias live) →
// PostgreSQL, the URL in an SSM SecureString only the db function's role may read. Pure data.
import { parameterName, resourceTags, ruleName } from '../../config/names.js';
import { parameterArn, ruleArn } from '../arns.js';
import { type FlowContext, invokePermission, key, lambdaFunction, liveAliasArn } from '../builders.js';
import { allow } from '../policy.js';
import type { DesiredOf, DesiredResource } from '../types.js';

/** Environment contract with src/handlers/db.ts. */
export const DB_ENV = { databaseUrlParameter: 'DATABASE_URL_PARAMETER' } as const;

// What Lambda itself needs to attach a function to a VPC (the AWSLambdaVPCAccessExecutionRole
// actions). ENIs have no name known in advance, so EC2 only accepts `*` here.
const VPC_ACTIONS = [
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
];

export interface DbPathInput {
  flow: string;
  bus: DesiredOf<'bus'>;
  eventSource: string;
  databaseUrl: string;
}

export function ingestDbPath(ctx: FlowContext, input: DbPathInput): DesiredResource[] {
  const { config, account } = ctx;
  const { flow, bus } = input;
  const tags = resourceTags(config.project, flow, config.tags);
  const vpc = config.flows.ingest.database.vpc;

  const parameter = secureParameter(
    ctx,
    flow,
    'database-url',
    input.databaseUrl,
    'PostgreSQL URL of the db function',
  );
  const [logs, role, fn] = lambdaFunction(ctx, flow, {
    name: 'db',
    environment: { [DB_ENV.databaseUrlParameter]: parameter.spec.name },
    statements: [
      allow('ssm:GetParameter', parameterArn(account, parameter.spec.name)),
      ...(vpc ? [allow(VPC_ACTIONS, '*')] : []),
    ],
    uses: [parameter.key],
    ...(vpc ? { vpc } : {}),
  }) as [DesiredOf<'logGroup'>, DesiredOf<'role'>, DesiredOf<'function'>];

  const rule = ruleName(config.project, flow, 'db');
  const ruleResource: DesiredOf<'rule'> = {
    kind: 'rule',
    key: key('rule', rule),
    name: rule,
    flow,
    dependsOn: [bus.key, fn.key],
    spec: {
      name: rule,
      busName: bus.spec.name,
      eventPattern: { source: [input.eventSource] },
      targets: [{ id: 'db', arn: liveAliasArn(ctx, fn) }],
      tags,
    },
  };
  const permission = invokePermission(ctx, flow, fn, {
    statementId: `faas-events-${rule}`,
    principal: 'events.amazonaws.com',
    sourceArn: ruleArn(account, bus.spec.name, rule),
    after: [ruleResource.key],
  });
  return [parameter, logs, role, fn, ruleResource, permission];
}

/** A SecureString parameter `/<project>/<flow>/<name>`. */
export function secureParameter(
  ctx: FlowContext,
  flow: string,
  name: string,
  value: string,
  description: string,
): DesiredOf<'parameter'> {
  const full = parameterName(ctx.config.project, flow, name);
  return {
    kind: 'parameter',
    key: key('parameter', full),
    name: full,
    flow,
    dependsOn: [],
    spec: {
      name: full,
      value,
      type: 'SecureString',
      description: `${description} (managed by faas)`,
      tags: resourceTags(ctx.config.project, flow, ctx.config.tags),
    },
  };
}
