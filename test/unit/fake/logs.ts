// CloudWatch Logs in memory: log groups with retention and tags.
import { ResourceAlreadyExistsException, ResourceNotFoundException } from '@aws-sdk/client-cloudwatch-logs';
import { type Handlers, sdkError } from './core.js';

export interface FakeLogGroup {
  retention?: number;
  tags: Record<string, string>;
}

export function logsHandlers(groups: Map<string, FakeLogGroup>, region: string, account: string): Handlers {
  const arnOf = (name: string) => `arn:aws:logs:${region}:${account}:log-group:${name}`;
  const byArn = (arn: string): FakeLogGroup => {
    const name = arn.replace(/^arn:aws:logs:[^:]+:[^:]+:log-group:/, '');
    const g = groups.get(name);
    if (!g) throw sdkError(ResourceNotFoundException, 'The specified log group does not exist.');
    return g;
  };
  return {
    CreateLogGroup: (i) => {
      if (groups.has(i.logGroupName)) {
        throw sdkError(ResourceAlreadyExistsException, 'The specified log group already exists');
      }
      groups.set(i.logGroupName, { tags: { ...(i.tags ?? {}) } });
      return {};
    },
    DescribeLogGroups: (i) => ({
      logGroups: [...groups.entries()]
        .filter(([name]) => name.startsWith(i.logGroupNamePrefix ?? ''))
        .map(([name, g]) => ({ logGroupName: name, retentionInDays: g.retention, arn: `${arnOf(name)}:*` })),
    }),
    PutRetentionPolicy: (i) => {
      byArn(arnOf(i.logGroupName)).retention = i.retentionInDays;
      return {};
    },
    ListTagsForResource: (i) => ({ tags: { ...byArn(i.resourceArn).tags } }),
    TagResource: (i) => {
      Object.assign(byArn(i.resourceArn).tags, i.tags);
      return {};
    },
    UntagResource: (i) => {
      const g = byArn(i.resourceArn);
      for (const k of i.tagKeys) delete g.tags[k];
      return {};
    },
    DeleteLogGroup: (i) => {
      if (!groups.delete(i.logGroupName))
        throw sdkError(ResourceNotFoundException, 'The specified log group does not exist.');
      return {};
    },
  };
}
