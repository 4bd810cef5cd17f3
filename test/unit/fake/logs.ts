// CloudWatch Logs in memory: log groups with retention and tags.
import { ResourceAlreadyExistsException, ResourceNotFoundException } from '@aws-sdk/client-cloudwatch-logs';
import { type Handlers, sdkError } from './core.js';

export interface FakeLogEvent {
  eventId: string;
  timestamp: number;
  message: string;
  logStreamName?: string;
}

export interface FakeLogGroup {
  retention?: number;
  tags: Record<string, string>;
  events?: FakeLogEvent[];
}

/** FilterLogEvents page size: small, so every reader is made to follow nextToken. */
export const FAKE_LOG_PAGE = 2;

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
    // A filter pattern here is a plain substring; the real syntax is the local cloud's concern.
    FilterLogEvents: (i) => {
      const g = groups.get(i.logGroupName);
      if (!g) throw sdkError(ResourceNotFoundException, 'The specified log group does not exist.');
      const matching = (g.events ?? [])
        .filter(
          (e) =>
            e.timestamp >= (i.startTime ?? 0) && (!i.filterPattern || e.message.includes(i.filterPattern)),
        )
        .sort((a, b) => a.timestamp - b.timestamp);
      const from = Number(i.nextToken ?? 0);
      const page = matching.slice(from, from + FAKE_LOG_PAGE);
      const more = from + FAKE_LOG_PAGE < matching.length;
      return { events: page, ...(more ? { nextToken: String(from + FAKE_LOG_PAGE) } : {}) };
    },
    DeleteLogGroup: (i) => {
      if (!groups.delete(i.logGroupName))
        throw sdkError(ResourceNotFoundException, 'The specified log group does not exist.');
      return {};
    },
  };
}
