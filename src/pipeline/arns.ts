// ARNs of the resources faas names deterministically, so policies can name exact resources
// before those resources exist (and without reading them).
import type { AccountContext } from './types.js';

const base = (a: AccountContext, service: string): string =>
  `arn:${a.partition}:${service}:${a.region}:${a.accountId}`;

export const roleArn = (a: AccountContext, name: string): string =>
  `arn:${a.partition}:iam::${a.accountId}:role/${name}`;

export const functionArn = (a: AccountContext, name: string): string =>
  `${base(a, 'lambda')}:function:${name}`;

export const aliasArn = (a: AccountContext, name: string, alias: string): string =>
  `${functionArn(a, name)}:${alias}`;

export const logGroupArn = (a: AccountContext, name: string): string =>
  `${base(a, 'logs')}:log-group:${name}`;

export const busArn = (a: AccountContext, name: string): string => `${base(a, 'events')}:event-bus/${name}`;

/** Rules on a custom bus carry the bus name in their ARN; rules on `default` do not. */
export const ruleArn = (a: AccountContext, bus: string, name: string): string =>
  bus === 'default' ? `${base(a, 'events')}:rule/${name}` : `${base(a, 'events')}:rule/${bus}/${name}`;

export const bucketArn = (a: AccountContext, name: string): string => `arn:${a.partition}:s3:::${name}`;

export const httpApiArn = (a: AccountContext, apiId: string): string =>
  `arn:${a.partition}:apigateway:${a.region}::/apis/${apiId}`;

/** What API Gateway presents as SourceArn when it invokes a Lambda: `<apiId>/<stage>/<method>/<path>`. */
export const executeApiArn = (a: AccountContext, apiId: string, stageMethodPath: string): string =>
  `${base(a, 'execute-api')}:${apiId}/${stageMethodPath}`;

/** A parameter name starts with `/`, which the ARN keeps after `parameter`. */
export const parameterArn = (a: AccountContext, name: string): string =>
  `${base(a, 'ssm')}:parameter${name.startsWith('/') ? name : `/${name}`}`;

export const queueArn = (a: AccountContext, name: string): string => `${base(a, 'sqs')}:${name}`;
