// What S3 offers other services in-process: Lambda reads code zips from S3 (Code.S3Bucket/S3Key)
// and writes failure records to S3 destinations, and the latest notification deliveries.

import type { NotificationDelivery } from './notifier.js';

export interface S3Internal {
  /** Reads a whole object; rejects with NoSuchBucket/NoSuchKey like GetObject. Small objects only. */
  readObject(bucket: string, key: string): Promise<Buffer>;
  /** Writes a whole object like PutObject (durable when it resolves; raises ObjectCreated:Put). */
  writeObject(bucket: string, key: string, body: Buffer, contentType?: string): Promise<void>;
  /** The latest notification deliveries (up to 1000), newest last, each pending, delivered or failed. */
  notifications(): readonly NotificationDelivery[];
}

declare module '../../cloud.js' {
  interface InternalApis {
    s3: S3Internal;
  }
}
