// Building blocks shared by every flow: a Lambda function with its own log group and its own
// least-privilege role, and the resource-policy statement that lets a service invoke it.
import type { FaasConfig } from '../config/load.js';
import { functionName, logGroupName, resourceTags, roleName } from '../config/names.js';
import { aliasArn, logGroupArn, roleArn } from './arns.js';
import { allow, document, trustService } from './policy.js';
import type { AccountContext, DesiredOf, DesiredResource, PolicyStatement } from './types.js';

export const LIVE_ALIAS = 'live';

/** The handler every bundle exports: src/release puts the bundle at index.mjs in the zip. */
export const BUNDLE_HANDLER = 'index.handler';

export interface FlowContext {
  config: FaasConfig;
  account: AccountContext;
  /**
   * Values stored as SSM SecureStrings. `databaseUrl` undefined: no database, so the db path is
   * left out (`down` passes '' to find everything by name whatever is configured).
   */
  secrets: { ingestToken: string; databaseUrl?: string };
  /** Every flow whatever is configured: `down` finds all faas may have created. */
  allFlows?: boolean;
}

export interface FunctionDefinition {
  /** Short name within the flow: `api`, `store`. */
  name: string;
  environment: Record<string, string>;
  secretEnvironment?: string[];
  /** What the function may do beyond writing its own logs: exact actions on exact ARNs. */
  statements: PolicyStatement[];
  /** Resources the function uses at run time, created before it. */
  uses: string[];
  vpc?: { subnetIds: string[]; securityGroupIds: string[] };
}

export const key = (kind: DesiredResource['kind'], name: string): string => `${kind}:${name}`;

/** Log group, role and function (with its `live` alias) for one function of a flow. */
export function lambdaFunction(ctx: FlowContext, flow: string, def: FunctionDefinition): DesiredResource[] {
  const { config, account } = ctx;
  const fnName = functionName(config.project, flow, def.name);
  const logGroup = logGroupName(fnName);
  const role = roleName(config.project, flow, def.name);
  const tags = resourceTags(config.project, flow, config.tags);
  const settings = config.flows[flow as keyof FaasConfig['flows']]?.functions[def.name] ?? {};

  const logGroupResource: DesiredOf<'logGroup'> = {
    kind: 'logGroup',
    key: key('logGroup', logGroup),
    name: logGroup,
    flow,
    dependsOn: [],
    spec: { name: logGroup, retentionDays: config.logRetentionDays, tags },
  };
  const roleResource: DesiredOf<'role'> = {
    kind: 'role',
    key: key('role', role),
    name: role,
    flow,
    dependsOn: [],
    spec: {
      name: role,
      description: `Execution role of ${fnName} (managed by faas)`,
      assumeRolePolicy: trustService('lambda.amazonaws.com'),
      policyName: 'least-privilege',
      policy: document(
        ...def.statements,
        // Its own log group only: `:*` covers the streams inside it.
        allow(['logs:CreateLogStream', 'logs:PutLogEvents'], `${logGroupArn(account, logGroup)}:*`),
      ),
      tags,
    },
  };
  const functionResource: DesiredOf<'function'> = {
    kind: 'function',
    key: key('function', fnName),
    name: fnName,
    flow,
    // The log group first, or Lambda would create it on first invocation without a retention.
    dependsOn: [roleResource.key, logGroupResource.key, ...def.uses],
    spec: {
      name: fnName,
      source: { flow, function: def.name },
      roleArn: roleArn(account, role),
      handler: BUNDLE_HANDLER,
      runtime: config.runtime,
      architecture: config.architecture,
      memory: settings.memory ?? config.memory,
      timeout: settings.timeout ?? config.timeout,
      environment: def.environment,
      secretEnvironment: def.secretEnvironment ?? [],
      alias: LIVE_ALIAS,
      ...(def.vpc ? { vpc: def.vpc } : {}),
      tags,
    },
  };
  return [logGroupResource, roleResource, functionResource];
}

/** Lets `principal` invoke the function's `live` alias, only from `sourceArn` in this account. */
export function invokePermission(
  ctx: FlowContext,
  flow: string,
  fn: DesiredOf<'function'>,
  options: { statementId: string; principal: string; sourceArn: string; after: string[] },
): DesiredOf<'permission'> {
  return {
    kind: 'permission',
    key: key('permission', `${fn.spec.name}:${options.statementId}`),
    name: `${fn.spec.name}:${LIVE_ALIAS} ${options.statementId}`,
    flow,
    dependsOn: [fn.key, ...options.after],
    spec: {
      functionName: fn.spec.name,
      qualifier: LIVE_ALIAS,
      statementId: options.statementId,
      principal: options.principal,
      action: 'lambda:InvokeFunction',
      sourceArn: options.sourceArn,
      sourceAccount: ctx.account.accountId,
    },
  };
}

export const liveAliasArn = (ctx: FlowContext, fn: DesiredOf<'function'>): string =>
  aliasArn(ctx.account, fn.spec.name, fn.spec.alias);
