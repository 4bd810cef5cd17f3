// S3 PutBucketNotificationConfiguration: validates the configuration's form, then (unless
// SkipDestinationValidation) its destinations, stores the whole of it (an empty one turns
// notifications off) and sends each queue destination S3's s3:TestEvent.

import type { PutBucketNotificationConfigurationRequest } from '@aws-sdk/client-s3';
import type { ActionContext } from '../../../service.js';
import { requireBucket, setBucketConfig } from '../buckets.js';
import { validateDestinations } from '../destinations.js';
import { malformedXml } from '../errors.js';
import { normalizeNotificationConfiguration } from '../notifications.js';
import type { S3Service } from '../service.js';

export async function putBucketNotificationConfiguration(
  input: PutBucketNotificationConfigurationRequest,
  ctx: ActionContext<S3Service>,
): Promise<object> {
  const bucket = requireBucket(ctx, input.Bucket);
  if (!input.NotificationConfiguration) throw malformedXml();
  // Form errors (ARN, events, filters, overlaps) come first; destinations are checked only then.
  const conf = normalizeNotificationConfiguration(input.NotificationConfiguration);
  if (!input.SkipDestinationValidation) validateDestinations(ctx.cloud, bucket.rec.name, conf);
  const empty = Object.keys(conf).length === 0;
  await setBucketConfig(ctx, bucket, 'notification', empty ? undefined : conf);
  // On AWS the test message is part of the PUT, so the response waits for the queues to take it.
  await ctx.state.notifier.testEvent(bucket.rec.name, conf, ctx.requestId);
  return {};
}
