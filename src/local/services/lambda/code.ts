// Deployment packages: each zip is stored once by content hash (written and fsynced before the
// record naming it is committed), unpacked on demand into a code directory for the runtime, and
// served back at GetFunction's Code.Location.

import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Cloud } from '../../cloud.js';
import { AwsServiceError } from '../../errors.js';
import '../s3/internal.js';
import { invalidParameter, tooLarge } from './errors.js';
import type { CodeRef } from './model.js';
import { MAX_UNZIPPED_BYTES, readCentralDirectory, unpackZip } from './runtime/zip.js';

/** A direct (ZipFile) upload is limited to 50 MB zipped. */
export const MAX_ZIPPED_BYTES = 52_428_800;
/** The account's total code storage quota (75 GB). */
const MAX_STORAGE_BYTES = 80_530_636_800;
const CODE_PATH = '/_faas/lambda/code/';
const GC_GRACE_MS = 10 * 60_000;

export interface CodeSource {
  ZipFile?: Uint8Array;
  S3Bucket?: string;
  S3Key?: string;
  S3ObjectVersion?: string;
  ImageUri?: string;
}

const hexOf = (sha256: string): string => Buffer.from(sha256, 'base64').toString('hex');

export class CodeStore {
  private readonly blobDir: string;
  private readonly unpackRoot: string;
  private readonly unpacked = new Map<string, Promise<string>>();

  constructor(private readonly cloud: Cloud) {
    this.blobDir = cloud.persistence.blobDir('lambda', cloud.tempDir);
    this.unpackRoot = join(cloud.tempDir, 'lambda-code');
  }

  /** The zip bytes named by the request: inline, or read from the local S3. */
  async bytesOf(source: CodeSource): Promise<Buffer> {
    const sources = [source.ZipFile, source.S3Bucket ?? source.S3Key, source.ImageUri].filter(
      (s) => s !== undefined,
    );
    if (sources.length === 0) throw invalidParameter('Please provide a source for function code.');
    if (sources.length > 1)
      throw invalidParameter('Please do not provide other FunctionCode parameters when providing a ZipFile.');
    if (source.ImageUri !== undefined)
      throw invalidParameter("Please don't provide ImageUri when updating a function with packageType Zip.");
    if (source.ZipFile) {
      if (source.ZipFile.length > MAX_ZIPPED_BYTES)
        throw tooLarge(`Zipped size must be smaller than ${MAX_ZIPPED_BYTES} bytes`);
      return Buffer.from(source.ZipFile.buffer, source.ZipFile.byteOffset, source.ZipFile.byteLength);
    }
    if (!source.S3Bucket || !source.S3Key) {
      throw invalidParameter('Please provide both S3Bucket and S3Key when providing code from S3.');
    }
    try {
      // S3ObjectVersion is not honoured: the local S3's in-process read serves the current object.
      return await this.cloud.api('s3').readObject(source.S3Bucket, source.S3Key);
    } catch (e) {
      const code = e instanceof AwsServiceError ? e.code : 'InternalError';
      const message = e instanceof Error ? e.message : String(e);
      throw invalidParameter(
        `Error occurred while GetObject. S3 Error Code: ${code}. S3 Error Message: ${message}`,
      );
    }
  }

  /**
   * Checks the package like Lambda does at upload (a readable zip, ≤ 250 MB unzipped) and makes it
   * durable; the returned ref may then be committed.
   */
  async save(zip: Buffer, storedBytes: number): Promise<CodeRef> {
    const entries = readCentralDirectory(zip);
    let unzipped = 0;
    for (const entry of entries.values()) unzipped += entry.size;
    if (unzipped > MAX_UNZIPPED_BYTES)
      throw invalidParameter(`Unzipped size must be smaller than ${MAX_UNZIPPED_BYTES} bytes`);
    const sha256 = createHash('sha256').update(zip).digest('base64');
    const file = this.fileOf(sha256);
    if (existsSync(file)) {
      // Refreshing the mtime keeps collect() from reclaiming a zip that is about to be referenced again.
      const now = new Date();
      await utimes(file, now, now);
    } else {
      if (storedBytes + zip.length > MAX_STORAGE_BYTES)
        throw new AwsServiceError('CodeStorageExceededException', 'Code storage limit exceeded.', 400);
      await writeDurably(file, zip);
    }
    return { sha256, size: zip.length };
  }

  read(ref: CodeRef): Promise<Buffer> {
    return readFile(this.fileOf(ref.sha256));
  }

  /** The unpacked package (once per content hash and process; the runtime's LAMBDA_TASK_ROOT). */
  codeDir(ref: CodeRef): Promise<string> {
    let dir = this.unpacked.get(ref.sha256);
    if (!dir) {
      dir = this.unpack(ref);
      this.unpacked.set(ref.sha256, dir);
      dir.catch(() => this.unpacked.delete(ref.sha256));
    }
    return dir;
  }

  private async unpack(ref: CodeRef): Promise<string> {
    const target = join(this.unpackRoot, hexOf(ref.sha256));
    if (existsSync(target)) return target;
    const staging = `${target}.${randomUUID()}`;
    await mkdir(staging, { recursive: true });
    try {
      await unpackZip(await this.read(ref), staging);
      await rename(staging, target);
    } catch (e) {
      await rm(staging, { recursive: true, force: true });
      if (!existsSync(target)) throw e;
    }
    return target;
  }

  /** Where GetFunction says the package can be downloaded (AWS: a presigned S3 URL, 10 minutes). */
  location(ref: CodeRef): string {
    return `${this.cloud.endpoint}${CODE_PATH}${hexOf(ref.sha256)}.zip`;
  }

  /**
   * Drops stored zips no function or version references any more. Recent files are spared: an
   * upload in flight has written its zip but not yet committed the record that names it.
   */
  async collect(referenced: Set<string>): Promise<void> {
    const keep = new Set([...referenced].map((sha) => `${hexOf(sha)}.zip`));
    const cutoff = Date.now() - GC_GRACE_MS;
    for (const file of readdirSync(this.blobDir)) {
      if (!file.endsWith('.zip') || keep.has(file)) continue;
      const path = join(this.blobDir, file);
      const info = await stat(path).catch(() => undefined);
      if (info && info.mtimeMs < cutoff) await rm(path, { force: true });
    }
  }

  /** Data plane: serves Code.Location downloads. */
  async serve(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const path = (req.url ?? '').split('?')[0];
    if (!path.startsWith(CODE_PATH) || req.method !== 'GET') return false;
    const m = /^([0-9a-f]{64})\.zip$/.exec(path.slice(CODE_PATH.length));
    const file = m ? join(this.blobDir, `${m[1]}.zip`) : undefined;
    const size = file
      ? await stat(file).then(
          (s) => s.size,
          () => undefined,
        )
      : undefined;
    if (!file || size === undefined) {
      res.writeHead(404, { 'content-type': 'application/xml' });
      res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code></Error>');
      return true;
    }
    res.writeHead(200, { 'content-type': 'application/zip', 'content-length': size });
    createReadStream(file).pipe(res);
    return true;
  }

  private fileOf(sha256: string): string {
    return join(this.blobDir, `${hexOf(sha256)}.zip`);
  }
}

async function writeDurably(file: string, data: Buffer): Promise<void> {
  const tmp = `${file}.${randomUUID()}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
  // The rename itself must survive a crash too: sync the directory entry.
  const dir = await open(join(file, '..'), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
