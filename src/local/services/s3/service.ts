// What S3 actions get as ctx.state: the durable store, the blob files and the notifier.

import type { BlobStore } from './blobs.js';
import type { Notifier } from './notifier.js';
import type { S3State } from './state.js';

export interface S3Service {
  store: S3State;
  blobs: BlobStore;
  notifier: Notifier;
  /** Canonical user id of the local account (the Owner of buckets and objects). */
  ownerId: string;
}
