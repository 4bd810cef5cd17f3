// Shared by the S3 integration tests: a path-style client on a local cloud (or the file's own,
// `useS3Cloud`), unique bucket names, and raw HTTP requests for what the SDK will not send (a Host
// header, a missing Content-MD5).

import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import type { LocalCloud } from '../../src/local/index.js';
import { useLocalCloud } from '../helpers/localCloud.js';

export const md5 = (data: string | Buffer): string => createHash('md5').update(data).digest('hex');

export const s3Client = (endpoint: string, region = 'us-east-1'): S3Client =>
  new S3Client({
    endpoint,
    region,
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });

/** The calling file's local cloud and a client on it: set once `useS3Cloud()` has started it. */
export let local: LocalCloud;
export let s3: S3Client;

/** Starts one local cloud for the calling test file and binds `local` and `s3` to it. */
export function useS3Cloud(): void {
  useLocalCloud((l) => {
    local = l;
    s3 = s3Client(l.endpoint);
  });
}

let counter = 0;
export const uniqueBucket = (label: string): string =>
  `${label}-${process.pid}-${Date.now().toString(36)}-${++counter}`;

export async function newBucket(s3: S3Client, label: string): Promise<string> {
  const Bucket = uniqueBucket(label);
  await s3.send(new CreateBucketCommand({ Bucket }));
  return Bucket;
}

export const bodyText = async (out: { Body?: unknown }): Promise<string> =>
  (out.Body as { transformToString(): Promise<string> }).transformToString();

export interface RawResponse {
  status: number;
  headers: Record<string, unknown>;
  body: string;
}

/** A plain HTTP request (fetch cannot set Host, which virtual-host addressing needs). */
export const rawRequest = (
  local: LocalCloud,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<RawResponse> =>
  new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: local.port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        text += c;
      });
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
