// S3 GetBucketNotificationConfiguration: the stored configuration; an empty one when none is set.

import type {
  GetBucketNotificationConfigurationRequest,
  NotificationConfiguration,
} from '@aws-sdk/client-s3';
import type { ActionContext } from '../../../service.js';
import { requireBucket } from '../buckets.js';
import type { S3Service } from '../service.js';

export function getBucketNotificationConfiguration(
  input: GetBucketNotificationConfigurationRequest,
  ctx: ActionContext<S3Service>,
): NotificationConfiguration {
  const bucket = requireBucket(ctx, input.Bucket);
  return { ...(bucket.rec.notification ?? {}) } satisfies NotificationConfiguration;
}
