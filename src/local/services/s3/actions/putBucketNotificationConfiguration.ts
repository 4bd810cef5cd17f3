// S3 PutBucketNotificationConfiguration: validates and stores the whole configuration (an empty one
// turns notifications off), then sends each queue destination S3's s3:TestEvent.

import type { PutBucketNotificationConfigurationRequest } from '@aws-sdk/client-s3';
import type { ActionContext } from '../../../service.js';
import { requireBucket, setBucketConfig } from '../buckets.js';
import { malformedXml } from '../errors.js';
import { normalizeNotificationConfiguration } from '../notifications.js';
import type { S3Service } from '../service.js';

export async function putBucketNotificationConfiguration(
  input: PutBucketNotificationConfigurationRequest,
  ctx: ActionContext<S3Service>,
): Promise<object> {
  const bucket = requireBucket(ctx, input.Bucket);
  if (!input.NotificationConfiguration) throw malformedXml();
  const conf = normalizeNotificationConfiguration(input.NotificationConfiguration);
  const empty = Object.keys(conf).length === 0;
  await setBucketConfig(ctx, bucket, 'notification', empty ? undefined : conf);
  ctx.state.notifier.testEvent(bucket.rec.name, conf, ctx.requestId);
  return {};
}
