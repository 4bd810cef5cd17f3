// Deterministic names, tags and ARNs: every derived name fits its service's limit for the longest
// project, flow and region allowed, and the desired state is keyed and wired consistently.
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/load.js';
import {
  bucketName,
  busName,
  functionName,
  httpApiName,
  logGroupName,
  resourceTags,
  roleName,
  ruleName,
} from '../../src/config/names.js';
import { KNOWN_REGIONS, partitionOf } from '../../src/config/regions.js';
import { FaasError } from '../../src/errors.js';
import { aliasArn, executeApiArn, roleArn, ruleArn } from '../../src/pipeline/arns.js';
import { buildDesiredState } from '../../src/pipeline/index.js';
import { displayRefs, ref, resolveRefs } from '../../src/pipeline/refs.js';

const account = { accountId: '123456789012', region: 'eu-west-1', partition: 'aws' as const };

describe('resource names', () => {
  it('follow <project>-<flow>-<role>', () => {
    expect(functionName('demo', 'ingest', 'api')).toBe('demo-ingest-api');
    expect(roleName('demo', 'ingest', 'api')).toBe('demo-ingest-api-role');
    expect(logGroupName('demo-ingest-api')).toBe('/aws/lambda/demo-ingest-api');
    expect(busName('demo', 'ingest')).toBe('demo-ingest-bus');
    expect(ruleName('demo', 'ingest', 'store')).toBe('demo-ingest-to-store');
    expect(httpApiName('demo', 'ingest')).toBe('demo-ingest-http');
  });

  it('make bucket names globally unique with the account and region', () => {
    expect(bucketName('demo', 'ingest', '123456789012', 'eu-west-1')).toBe(
      'demo-ingest-123456789012-eu-west-1',
    );
  });

  it('fit every limit for the longest project, flow and region', () => {
    const project = 'p'.repeat(20);
    for (const region of KNOWN_REGIONS) {
      const bucket = bucketName(project, 'opsgenie', '123456789012', region);
      expect(bucket.length).toBeLessThanOrEqual(63);
      expect(bucket).toMatch(/^[a-z0-9][a-z0-9-]*[a-z0-9]$/);
    }
    expect(roleName(project, 'opsgenie', 'opsgenie-delete-user').length).toBeLessThanOrEqual(64);
    expect(ruleName(project, 'opsgenie', 'opsgenie-delete-user').length).toBeLessThanOrEqual(64);
  });

  it('refuse a name AWS would reject', () => {
    const error = (() => {
      try {
        return functionName('demo', 'ingest', 'x'.repeat(60));
      } catch (e) {
        return e;
      }
    })() as FaasError;
    expect(error).toBeInstanceOf(FaasError);
    expect(error.message).toBe(
      `The function name "demo-ingest-${'x'.repeat(60)}" is 72 characters; AWS allows at most 64`,
    );
  });

  it('tag every resource with faas:project and faas:flow, which user tags cannot override', () => {
    expect(resourceTags('demo', 'ingest', { team: 'ops', 'faas:project': 'evil' })).toEqual({
      team: 'ops',
      'faas:project': 'demo',
      'faas:flow': 'ingest',
    });
  });
});

describe('ARNs', () => {
  it('are derived without reading AWS', () => {
    expect(roleArn(account, 'demo-ingest-api-role')).toBe(
      'arn:aws:iam::123456789012:role/demo-ingest-api-role',
    );
    expect(aliasArn(account, 'demo-ingest-api', 'live')).toBe(
      'arn:aws:lambda:eu-west-1:123456789012:function:demo-ingest-api:live',
    );
    expect(ruleArn(account, 'demo-ingest-bus', 'r')).toBe(
      'arn:aws:events:eu-west-1:123456789012:rule/demo-ingest-bus/r',
    );
    expect(ruleArn(account, 'default', 'r')).toBe('arn:aws:events:eu-west-1:123456789012:rule/r');
    expect(executeApiArn(account, 'abc123', '*/*/events')).toBe(
      'arn:aws:execute-api:eu-west-1:123456789012:abc123/*/*/events',
    );
  });

  it('use the partition of the region', () => {
    expect(partitionOf('cn-north-1')).toBe('aws-cn');
    expect(partitionOf('us-gov-west-1')).toBe('aws-us-gov');
    expect(roleArn({ ...account, region: 'cn-north-1', partition: 'aws-cn' }, 'r')).toBe(
      'arn:aws-cn:iam::123456789012:role/r',
    );
  });
});

describe('references', () => {
  it('resolve from outputs and stay visible while unknown', () => {
    const text = `arn:x:${ref('httpApi:demo-ingest-http', 'apiId')}/*/*/events`;
    expect(resolveRefs({ a: [text] }, () => ({ apiId: 'abc' }))).toEqual({
      value: { a: ['arn:x:abc/*/*/events'] },
      unresolved: [],
    });
    expect(resolveRefs(text, () => undefined)).toEqual({
      value: text,
      unresolved: ['httpApi:demo-ingest-http'],
    });
    expect(displayRefs(text)).toBe('arn:x:<apiId of httpApi:demo-ingest-http>/*/*/events');
  });
});

describe('desired state', () => {
  const config = resolveConfig(
    { project: 'demo', target: 'aws', region: 'eu-west-1' },
    '/p/.faasrc.json',
    {},
    {},
  );
  const state = buildDesiredState({ config, account, secrets: { ingestToken: 'x'.repeat(32) } });

  it('lists every resource of the ingest flow under a unique key', () => {
    expect(state.resources.map((r) => r.key)).toEqual([
      'parameter:/demo/ingest/token',
      'logGroup:/aws/lambda/demo-ingest-api',
      'logGroup:/aws/lambda/demo-ingest-store',
      'role:demo-ingest-api-role',
      'role:demo-ingest-store-role',
      'bus:demo-ingest-bus',
      'bucket:demo-ingest-123456789012-eu-west-1',
      'function:demo-ingest-api',
      'function:demo-ingest-store',
      'rule:demo-ingest-to-store',
      'permission:demo-ingest-store:faas-events-demo-ingest-to-store',
      'httpApi:demo-ingest-http',
      'permission:demo-ingest-api:faas-http-demo-ingest-http',
    ]);
  });

  it('orders dependencies: log group and role before the function, the API before its permission', () => {
    const deps = (key: string) => state.resources.find((r) => r.key === key)!.dependsOn;
    expect(deps('function:demo-ingest-api')).toEqual([
      'role:demo-ingest-api-role',
      'logGroup:/aws/lambda/demo-ingest-api',
      'bus:demo-ingest-bus',
      'parameter:/demo/ingest/token',
    ]);
    expect(deps('permission:demo-ingest-api:faas-http-demo-ingest-http')).toEqual([
      'function:demo-ingest-api',
      'httpApi:demo-ingest-http',
    ]);
  });

  it('keeps the token out of the environment: the api function names its SecureString parameter', () => {
    const api = state.resources.find((r) => r.key === 'function:demo-ingest-api')!;
    expect(api.kind === 'function' && api.spec.environment).toEqual({
      BUS_NAME: 'demo-ingest-bus',
      TOKEN_PARAMETER: '/demo/ingest/token',
    });
    const token = state.resources.find((r) => r.key === 'parameter:/demo/ingest/token')!;
    expect(token.kind === 'parameter' && token.spec.type).toBe('SecureString');
  });

  it('leaves the db path out without a database, and adds it with one', () => {
    expect(state.resources.some((r) => r.name.includes('-db'))).toBe(false);
    const url = 'postgres://u:s3cr3t-pw@db.example.com:5432/app';
    const withDb = buildDesiredState({
      config,
      account,
      secrets: { ingestToken: 'x'.repeat(32), databaseUrl: url },
    });
    expect(withDb.resources.slice(state.resources.length).map((r) => r.key)).toEqual([
      'parameter:/demo/ingest/database-url',
      'logGroup:/aws/lambda/demo-ingest-db',
      'role:demo-ingest-db-role',
      'function:demo-ingest-db',
      'rule:demo-ingest-to-db',
      'permission:demo-ingest-db:faas-events-demo-ingest-to-db',
    ]);
    const fn = withDb.resources.find((r) => r.key === 'function:demo-ingest-db')!;
    // The URL is only in the parameter, never in the function's configuration.
    expect(JSON.stringify(fn)).not.toContain('s3cr3t-pw');
    expect(fn.kind === 'function' && fn.spec.environment).toEqual({
      DATABASE_URL_PARAMETER: '/demo/ingest/database-url',
    });
  });
});
