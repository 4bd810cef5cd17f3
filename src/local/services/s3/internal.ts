// What S3 offers other services in-process: Lambda reads code zips from S3 (Code.S3Bucket/S3Key),
// and the latest notification deliveries with their outcome (for status and tests).

import type { NotificationDelivery } from './notifier.js';

export interface S3Internal {
  /** Reads a whole object; rejects with NoSuchBucket/NoSuchKey like GetObject. Small objects only. */
  readObject(bucket: string, key: string): Promise<Buffer>;
  /** The latest notification deliveries (up to 1000), newest last, each pending, delivered or failed. */
  notifications(): readonly NotificationDelivery[];
}

declare module '../../cloud.js' {
  interface InternalApis {
    s3: S3Internal;
  }
}
