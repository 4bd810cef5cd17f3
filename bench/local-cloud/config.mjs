// The local cloud bench's settings: sizes of every loop, load shapes, targets, and the flags and
// credentials every cloud and client of the run shares.

import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

/** bench/local-cloud.mjs: re-run as `--bare-server` (the floor) and `--s3-worker` (an S3 client). */
export const SELF = fileURLToPath(new URL('../local-cloud.mjs', import.meta.url));
export const REGION = 'us-east-1';
export const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
export const ROLE = 'arn:aws:iam::000000000000:role/bench';

/** Sizes of every loop: bounded, and chosen so the whole run stays well under three minutes. */
export const N = {
  boots: 10,
  floorBoots: 10,
  motoBoots: 3,
  httpWarmup: 200,
  httpGets: 2000,
  invokeWarmup: 200,
  invokes: 2000,
  colds: 10,
  coldCreates: 5,
  eventWarmup: 5,
  events: 200,
  apiInvokes: 100,
  sqsSendWarmup: 200,
  sqsSends: 2000,
  sqsDrain: 2000,
};
export const LOAD = {
  inflight: 16,
  // Client processes of the multi-process S3 run: more than the cores left beside the server only
  // makes them fight over CPU.
  workers: Math.max(1, Number(process.env.BENCH_S3_WORKERS ?? Math.min(4, Math.max(2, cpus().length - 1)))),
  warmupMs: 500,
  windowMs: 3000,
  objectBytes: 1024,
};
export const TARGETS = {
  bootMs: 300,
  warmP50Ms: 3,
  warmP99Ms: 15,
  coldMs: 250,
  s3PerSecond: 2000,
  eventP50Ms: 10,
  cloudRssMb: 150,
  envRssMb: 80,
  sqsSendP50Ms: 0.5,
};

/** Extra main.js flags for every local cloud this bench starts, e.g. BENCH_CLOUD_ARGS=--no-postgres. */
export const CLOUD_ARGS = (process.env.BENCH_CLOUD_ARGS ?? '').split(' ').filter(Boolean);

export const s3Client = (S3Client, endpoint) =>
  new S3Client({ endpoint, region: REGION, credentials: CREDENTIALS, forcePathStyle: true, maxAttempts: 1 });
