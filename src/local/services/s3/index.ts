// S3 (restXml): buckets with their policy, public access block, encryption, tagging and
// notification sub-resources, and objects streamed to durable blob files; object events go to
// SQS and Lambda in-process. Path-style and virtual-host-style addressing both work.

import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Cloud } from '../../cloud.js';
import { restXmlCodec } from '../../protocol/restXml.js';
import { defineService } from '../../service.js';
import { createBucket } from './actions/createBucket.js';
import { deleteBucket } from './actions/deleteBucket.js';
import { deleteBucketEncryption } from './actions/deleteBucketEncryption.js';
import { deleteBucketPolicy } from './actions/deleteBucketPolicy.js';
import { deleteBucketTagging } from './actions/deleteBucketTagging.js';
import { deleteObject } from './actions/deleteObject.js';
import { deleteObjects } from './actions/deleteObjects.js';
import { deletePublicAccessBlock } from './actions/deletePublicAccessBlock.js';
import { getBucketEncryption } from './actions/getBucketEncryption.js';
import { getBucketLocation } from './actions/getBucketLocation.js';
import { getBucketNotificationConfiguration } from './actions/getBucketNotificationConfiguration.js';
import { getBucketPolicy } from './actions/getBucketPolicy.js';
import { getBucketTagging } from './actions/getBucketTagging.js';
import { getObject } from './actions/getObject.js';
import { getPublicAccessBlock } from './actions/getPublicAccessBlock.js';
import { headBucket } from './actions/headBucket.js';
import { headObject } from './actions/headObject.js';
import { listBuckets } from './actions/listBuckets.js';
import { listObjects } from './actions/listObjects.js';
import { listObjectsV2 } from './actions/listObjectsV2.js';
import { putBucketEncryption } from './actions/putBucketEncryption.js';
import { putBucketNotificationConfiguration } from './actions/putBucketNotificationConfiguration.js';
import { putBucketPolicy } from './actions/putBucketPolicy.js';
import { putBucketTagging } from './actions/putBucketTagging.js';
import { putObject, storeObject } from './actions/putObject.js';
import { putPublicAccessBlock } from './actions/putPublicAccessBlock.js';
import { BlobStore } from './blobs.js';
import { noSuchBucket, noSuchKey } from './errors.js';
import type { S3Internal } from './internal.js';
import { Notifier } from './notifier.js';
import { s3Routing } from './routing.js';
import { useSdkEnums } from './sdkEnums.js';
import type { S3Service } from './service.js';
import { S3State } from './state.js';

export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

export function s3Service(cloud: Cloud) {
  const blobs = new BlobStore(cloud.persistence.blobDir('s3', cloud.tempDir), cloud.persistence.syncs);
  const store = cloud.persistence.register(new S3State());
  const svc: S3Service = {
    store,
    blobs,
    notifier: new Notifier(cloud, store),
    // A stable 64-hex canonical user id, as S3 shows owners.
    ownerId: createHash('sha256').update(`faas-local:${cloud.accountId}`).digest('hex'),
  };
  cloud.provide('s3', internalApi(svc, cloud));
  cloud.onStop(() => blobs.close());
  const endpointHost = () => (cloud.endpoint ? new URL(cloud.endpoint).hostname : '127.0.0.1');
  return defineService({
    signingName: 's3',
    codec: restXmlCodec(S3_NAMESPACE, s3Routing(endpointHost)),
    sdk: async () => {
      const sdk = await import('@aws-sdk/client-s3');
      useSdkEnums(sdk);
      return sdk;
    },
    state: svc,
    // Runs once the journal is replayed: notifications accepted but not handed over are delivered,
    // and bodies no record names (a crash between blob write and commit, or before an old body
    // was deleted) are swept in the background.
    start: () => {
      svc.notifier.redeliverPending();
      if (cloud.persistence.ephemeral) return;
      blobs
        .collectGarbage(store.referencedBlobs())
        .then((n) => n > 0 && cloud.log(`s3: removed ${n} unreferenced object bodies`))
        .catch((e: unknown) => cloud.log(`s3: blob cleanup failed: ${String(e)}`));
    },
    actions: {
      CreateBucket: createBucket,
      HeadBucket: headBucket,
      DeleteBucket: deleteBucket,
      ListBuckets: listBuckets,
      GetBucketLocation: getBucketLocation,
      PutBucketPolicy: putBucketPolicy,
      GetBucketPolicy: getBucketPolicy,
      DeleteBucketPolicy: deleteBucketPolicy,
      PutPublicAccessBlock: putPublicAccessBlock,
      GetPublicAccessBlock: getPublicAccessBlock,
      DeletePublicAccessBlock: deletePublicAccessBlock,
      PutBucketEncryption: putBucketEncryption,
      GetBucketEncryption: getBucketEncryption,
      DeleteBucketEncryption: deleteBucketEncryption,
      PutBucketTagging: putBucketTagging,
      GetBucketTagging: getBucketTagging,
      DeleteBucketTagging: deleteBucketTagging,
      PutBucketNotificationConfiguration: putBucketNotificationConfiguration,
      GetBucketNotificationConfiguration: getBucketNotificationConfiguration,
      PutObject: putObject,
      GetObject: getObject,
      HeadObject: headObject,
      DeleteObject: deleteObject,
      DeleteObjects: deleteObjects,
      ListObjectsV2: listObjectsV2,
      ListObjects: listObjects,
    },
  });
}

function internalApi(svc: S3Service, cloud: Cloud): S3Internal {
  return {
    async writeObject(bucket, key, body, contentType) {
      await storeObject(svc, cloud, {
        input: { Bucket: bucket, Key: key, ContentType: contentType, ContentLength: body.length },
        headers: { 'content-length': String(body.length) },
        body: Readable.from([body]),
        requestId: randomUUID(),
      });
    },
    async readObject(bucket, key) {
      const b = svc.store.buckets.get(bucket);
      if (!b) throw noSuchBucket(bucket);
      const rec = b.objects.get(key);
      if (!rec) throw noSuchKey(key);
      return readFile(svc.blobs.path(rec.blob));
    },
    notifications: () => svc.notifier.recent,
  };
}
