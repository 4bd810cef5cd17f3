// One client process of the multi-process S3 run (bench/local-cloud.mjs --s3-worker): its own
// S3Client and its share of the 16 in flight, so one SDK process's CPU does not cap the rate.

import { LOAD, s3Client } from './config.mjs';
import { closedLoop } from './load.mjs';

/** Warms up, tells the parent it is ready, waits for its go, then reports the window's results. */
export async function s3Worker() {
  const { PutObjectCommand, S3Client } = await import('@aws-sdk/client-s3');
  const { endpoint, bucket, inflight, tag } = JSON.parse(process.env.BENCH_WORKER ?? '{}');
  const client = s3Client(S3Client, endpoint);
  const body = Buffer.alloc(LOAD.objectBytes, 0x61);
  let n = 0;
  const result = await closedLoop(
    () => client.send(new PutObjectCommand({ Bucket: bucket, Key: `${tag}/${n++}`, Body: body })),
    inflight,
    {
      warmupMs: LOAD.warmupMs,
      windowMs: LOAD.windowMs,
      beforeWindow: () =>
        new Promise((resolve) => {
          process.once('message', resolve);
          process.send({ ready: true });
        }),
    },
  );
  process.send({ count: result.count, latencies: result.latencies }, () => process.exit(0));
}
