// Bucket notifications: validating a NotificationConfiguration's form, matching object events
// against it (event type wildcards, prefix/suffix filter rules) and building S3's messages.
// Destinations are checked in destinations.ts and delivered to in notifier.ts.

import { randomUUID } from 'node:crypto';
import type {
  FilterRule,
  LambdaFunctionConfiguration,
  NotificationConfiguration,
  QueueConfiguration,
  TopicConfiguration,
} from '@aws-sdk/client-s3';
import { invalidArgument } from './errors.js';

/** The service principal S3 acts as towards destinations (queue and function policies name it). */
export const S3_PRINCIPAL = 's3.amazonaws.com';

const EVENT_TYPES = [
  'ObjectCreated:*',
  'ObjectCreated:Put',
  'ObjectCreated:Post',
  'ObjectCreated:Copy',
  'ObjectCreated:CompleteMultipartUpload',
  'ObjectRemoved:*',
  'ObjectRemoved:Delete',
  'ObjectRemoved:DeleteMarkerCreated',
  'ObjectRestore:*',
  'ObjectRestore:Post',
  'ObjectRestore:Completed',
  'ObjectRestore:Delete',
  'ReducedRedundancyLostObject',
  'Replication:*',
  'Replication:OperationFailedReplication',
  'Replication:OperationNotTracked',
  'Replication:OperationMissedThreshold',
  'Replication:OperationReplicatedAfterThreshold',
  'LifecycleExpiration:*',
  'LifecycleExpiration:Delete',
  'LifecycleExpiration:DeleteMarkerCreated',
  'LifecycleTransition',
  'IntelligentTiering',
  'ObjectTagging:*',
  'ObjectTagging:Put',
  'ObjectTagging:Delete',
  'ObjectAcl:Put',
].map((e) => `s3:${e}`);

/** An object change that may trigger notifications. `name` is without the `s3:` prefix. */
export interface ObjectEvent {
  name: 'ObjectCreated:Put' | 'ObjectRemoved:Delete';
  key: string;
  size?: number;
  etag?: string;
  time: number;
  requestId: string;
}

type AnyConfig = QueueConfiguration | TopicConfiguration | LambdaFunctionConfiguration;

interface KeyFilter {
  prefix: string;
  suffix: string;
}

function keyFilter(rules: FilterRule[] | undefined): KeyFilter {
  const filter = { prefix: '', suffix: '' };
  const seen = new Set<string>();
  for (const rule of rules ?? []) {
    const name = (rule.Name ?? '').toLowerCase();
    if (name !== 'prefix' && name !== 'suffix') {
      throw invalidArgument(
        'filter rule name must be either prefix or suffix',
        'FilterRule.Name',
        rule.Name ?? '',
      );
    }
    if (seen.has(name)) {
      throw invalidArgument(
        `Cannot specify more than one ${name} rule in a filter.`,
        'FilterRule.Name',
        rule.Name!,
      );
    }
    seen.add(name);
    filter[name] = rule.Value ?? '';
  }
  return filter;
}

const eventsOverlap = (a: string, b: string): boolean => {
  const wild = (x: string, y: string) => x.endsWith(':*') && y.startsWith(x.slice(0, -1));
  return a === b || wild(a, b) || wild(b, a);
};

const filtersOverlap = (a: KeyFilter, b: KeyFilter): boolean =>
  (a.prefix.startsWith(b.prefix) || b.prefix.startsWith(a.prefix)) &&
  (a.suffix.endsWith(b.suffix) || b.suffix.endsWith(a.suffix));

/** Validates a configuration and fills in the Ids AWS generates for configurations without one. */
export function normalizeNotificationConfiguration(
  conf: NotificationConfiguration,
): NotificationConfiguration {
  const out: NotificationConfiguration = { ...conf };
  const all: { events: string[]; filter: KeyFilter }[] = [];
  const check = <C extends AnyConfig>(
    configs: C[] | undefined,
    arnOf: (c: C) => string | undefined,
    service: string,
  ) =>
    configs?.map((c) => {
      const arn = arnOf(c) ?? '';
      if (!new RegExp(`^arn:aws[a-z-]*:${service}:[a-z0-9-]+:\\d{12}:.+`).test(arn)) {
        throw invalidArgument('The ARN is not well formed', 'ARN', arn);
      }
      if (!c.Events || c.Events.length === 0) throw invalidArgument('No events specified', 'Event', '');
      for (const e of c.Events) {
        if (!EVENT_TYPES.includes(e))
          throw invalidArgument('The event is not supported for notifications', 'Event', e);
      }
      const filter = keyFilter(c.Filter?.Key?.FilterRules);
      for (const other of all) {
        if (
          filtersOverlap(filter, other.filter) &&
          c.Events.some((e) => other.events.some((o) => eventsOverlap(e, o)))
        ) {
          throw invalidArgument(
            'Configurations overlap. Configurations on the same bucket cannot share a common event type.',
            'Event',
            c.Events.join(','),
          );
        }
      }
      all.push({ events: c.Events, filter });
      return { ...c, Id: c.Id ?? Buffer.from(randomUUID()).toString('base64') };
    });
  out.QueueConfigurations = check(conf.QueueConfigurations, (c) => c.QueueArn, 'sqs');
  out.TopicConfigurations = check(conf.TopicConfigurations, (c) => c.TopicArn, 'sns');
  out.LambdaFunctionConfigurations = check(
    conf.LambdaFunctionConfigurations,
    (c) => c.LambdaFunctionArn,
    'lambda',
  );
  for (const k of ['QueueConfigurations', 'TopicConfigurations', 'LambdaFunctionConfigurations'] as const) {
    if (!out[k]?.length) delete out[k];
  }
  return out;
}

export function configurationMatches(c: AnyConfig, event: ObjectEvent): boolean {
  const name = `s3:${event.name}`;
  if (!c.Events?.some((e) => e === name || (e.endsWith(':*') && name.startsWith(e.slice(0, -1)))))
    return false;
  const { prefix, suffix } = keyFilter(c.Filter?.Key?.FilterRules);
  return event.key.startsWith(prefix) && event.key.endsWith(suffix);
}

/** Keys appear form-encoded in event messages (a space is '+'), as S3 sends them. */
const eventKey = (key: string): string => encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+');

/**
 * The `Records` message S3 sends to a destination (event structure version 2.1). `sequencer` is
 * shared by every destination of one event and only grows (see Notifier).
 */
export function eventMessage(
  bucket: string,
  event: ObjectEvent,
  configurationId: string,
  region: string,
  principal: string,
  sequencer: string,
): string {
  // A removal carries no size or eTag, only the key and the sequencer.
  const object: Record<string, unknown> = { key: eventKey(event.key) };
  if (event.size !== undefined) object.size = event.size;
  if (event.etag !== undefined) object.eTag = event.etag;
  object.sequencer = sequencer;
  return JSON.stringify({
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: region,
        eventTime: new Date(event.time).toISOString(),
        eventName: event.name,
        userIdentity: { principalId: principal },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': event.requestId, 'x-amz-id-2': event.requestId },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId,
          bucket: { name: bucket, ownerIdentity: { principalId: principal }, arn: `arn:aws:s3:::${bucket}` },
          object,
        },
      },
    ],
  });
}

/** What S3 sends a queue when a configuration naming it is put. */
export const testEventMessage = (bucket: string, time: number, requestId: string): string =>
  JSON.stringify({
    Service: 'Amazon S3',
    Event: 's3:TestEvent',
    Time: new Date(time).toISOString(),
    Bucket: bucket,
    RequestId: requestId,
    HostId: requestId,
  });
