// What S3 offers other services in-process: Lambda reads code zips from S3 (Code.S3Bucket/S3Key),
// and the notification deliveries recorded so far (until SQS delivery lands).

import type { NotificationDelivery } from './notifications.js';

export interface S3Internal {
  /** Reads a whole object; rejects with NoSuchBucket/NoSuchKey like GetObject. Small objects only. */
  readObject(bucket: string, key: string): Promise<Buffer>;
  /** The latest notification deliveries, newest last. */
  notifications(): readonly NotificationDelivery[];
}

declare module '../../cloud.js' {
  interface InternalApis {
    s3: S3Internal;
  }
}
