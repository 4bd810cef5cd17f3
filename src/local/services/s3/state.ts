// S3's durable state: buckets (with their configuration sub-resources) and object records. Bodies
// live in blob files (blobs.ts); a record names its blob and is committed only once the blob is on disk.

import type {
  ChecksumAlgorithm,
  NotificationConfiguration,
  PublicAccessBlockConfiguration,
  ServerSideEncryptionConfiguration,
  Tag,
} from '@aws-sdk/client-s3';
import type { Durable } from '../../persistence/journal.js';
import { compareKeys, lowerBound } from './keyOrder.js';

/** One object version as journaled: plain JSON, dates as epoch milliseconds. */
export interface ObjectRecord {
  key: string;
  /** File name of the body under the blob directory. */
  blob: string;
  size: number;
  /** MD5 hex of the body, unquoted. */
  etag: string;
  modified: number;
  contentType?: string;
  contentEncoding?: string;
  contentLanguage?: string;
  contentDisposition?: string;
  cacheControl?: string;
  /** The Expires header exactly as sent. */
  expires?: string;
  storageClass?: string;
  metadata?: Record<string, string>;
  checksum?: { algorithm: ChecksumAlgorithm; value: string };
}

/** The bucket sub-resources stored as the SDK shapes them. */
export interface BucketConfig {
  policy?: string;
  publicAccessBlock?: PublicAccessBlockConfiguration;
  encryption?: ServerSideEncryptionConfiguration;
  tags?: Tag[];
  notification?: NotificationConfiguration;
}

export interface BucketRecord extends BucketConfig {
  name: string;
  created: number;
  region: string;
}

export class Bucket {
  readonly objects = new Map<string, ObjectRecord>();
  /** Keys in UTF-8 order, built on the first listing and kept sorted from then on. */
  private sorted: string[] | undefined;

  constructor(readonly rec: BucketRecord) {}

  sortedKeys(): string[] {
    this.sorted ??= [...this.objects.keys()].sort(compareKeys);
    return this.sorted;
  }

  put(object: ObjectRecord): void {
    const isNew = !this.objects.has(object.key);
    this.objects.set(object.key, object);
    if (isNew && this.sorted) this.sorted.splice(lowerBound(this.sorted, object.key), 0, object.key);
  }

  delete(key: string): void {
    if (!this.objects.delete(key) || !this.sorted) return;
    const i = lowerBound(this.sorted, key);
    if (this.sorted[i] === key) this.sorted.splice(i, 1);
  }
}

/** A notification accepted for delivery and not yet handed over (redelivered after a restart). */
export interface PendingNotification {
  id: string;
  bucket: string;
  destinationArn: string;
  kind: 'queue' | 'function';
  eventName: string;
  body: string;
}

interface Snapshot {
  buckets: BucketRecord[];
  objects: Record<string, ObjectRecord[]>;
  pending?: PendingNotification[];
}

export type ConfigField = keyof BucketConfig;

export class S3State implements Durable {
  readonly name = 's3';
  readonly buckets = new Map<string, Bucket>();
  readonly pendingNotifications = new Map<string, PendingNotification>();

  apply(type: string, data: unknown): void {
    switch (type) {
      case 'bucket.create': {
        const rec = data as BucketRecord;
        this.buckets.set(rec.name, new Bucket({ ...rec }));
        return;
      }
      case 'bucket.delete':
        this.buckets.delete((data as { name: string }).name);
        return;
      case 'bucket.config': {
        const { name, field, value } = data as { name: string; field: ConfigField; value: unknown };
        const bucket = this.buckets.get(name);
        if (!bucket) return;
        if (value === null || value === undefined) delete bucket.rec[field];
        else (bucket.rec as unknown as Record<string, unknown>)[field] = value;
        return;
      }
      case 'object.put': {
        const { bucket, object } = data as { bucket: string; object: ObjectRecord };
        this.buckets.get(bucket)?.put(object);
        return;
      }
      case 'object.delete': {
        const { bucket, keys } = data as { bucket: string; keys: string[] };
        const b = this.buckets.get(bucket);
        if (b) for (const key of keys) b.delete(key);
        return;
      }
      case 'notify.pending': {
        const pending = data as PendingNotification;
        this.pendingNotifications.set(pending.id, pending);
        return;
      }
      case 'notify.done':
        this.pendingNotifications.delete((data as { id: string }).id);
        return;
    }
  }

  snapshot(): Snapshot {
    const objects: Record<string, ObjectRecord[]> = {};
    for (const [name, bucket] of this.buckets) objects[name] = [...bucket.objects.values()];
    return {
      buckets: [...this.buckets.values()].map((b) => b.rec),
      objects,
      pending: [...this.pendingNotifications.values()],
    };
  }

  restore(snapshot: unknown): void {
    const snap = snapshot as Snapshot;
    this.buckets.clear();
    for (const rec of snap.buckets ?? []) {
      const bucket = new Bucket(rec);
      for (const object of snap.objects?.[rec.name] ?? []) bucket.objects.set(object.key, object);
      this.buckets.set(rec.name, bucket);
    }
    this.pendingNotifications.clear();
    for (const p of snap.pending ?? []) this.pendingNotifications.set(p.id, p);
  }

  /** Every blob a record references: the rest of the blob directory is garbage. */
  referencedBlobs(): Set<string> {
    const names = new Set<string>();
    for (const bucket of this.buckets.values()) for (const o of bucket.objects.values()) names.add(o.blob);
    return names;
  }
}
