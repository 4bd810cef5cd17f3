// Deterministic zips: the same files give the same bytes, so a release is addressed by its
// content and compared with Lambda's CodeSha256 instead of being uploaded every time.

import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Archiver, ZipOptions } from 'archiver';
import { FaasError } from '../errors.js';

/**
 * archiver 7 (installed) exports a factory, `archiver('zip', options)`, while @types/archiver 8
 * describes archiver 8's class API and has no default export; load the CommonJS factory
 * explicitly and type it with the shared option and stream types.
 */
const archiver = createRequire(import.meta.url)('archiver') as (
  format: 'zip',
  options: ZipOptions,
) => Archiver;

export interface ZipFile {
  name: string;
  data: Uint8Array;
}

/**
 * 1980-01-01, the earliest date a zip (DOS) timestamp can hold. archiver converts it with the
 * UTC getters (forceLocalTime is off), so the bytes do not depend on the machine's time zone.
 */
export const ZIP_DATE = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));
/** rw-r--r--: Lambda only needs to read the files; no entry is ever executable. */
export const ZIP_FILE_MODE = 0o644;

/**
 * Builds the zip in memory with fixed timestamps, fixed modes and entries sorted by name
 * (byte order, not locale order). Deflate at level 9 is deterministic for a given zlib, i.e. for
 * a given Node release; a Node upgrade may change the bytes once, which only costs one publish.
 */
export async function deterministicZip(files: readonly ZipFile[]): Promise<Uint8Array> {
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  validateNames(sorted);
  const archive = archiver('zip', { zlib: { level: 9 } });
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    archive.on('data', (chunk: Buffer) => chunks.push(chunk));
    archive.on('end', () => resolve());
    archive.on('error', reject);
    // archiver reports recoverable problems as warnings; for a release artifact any is fatal.
    archive.on('warning', reject);
  });
  for (const file of sorted) {
    const data = Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength);
    archive.append(data, { name: file.name, date: ZIP_DATE, mode: ZIP_FILE_MODE });
  }
  try {
    await Promise.all([archive.finalize(), done]);
  } catch (err) {
    throw new FaasError(
      'ZipFailed',
      `cannot build the zip: ${err instanceof Error ? err.message : String(err)}`,
      {
        cause: err,
      },
    );
  }
  const out = Buffer.concat(chunks);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** Base64 of the SHA-256 digest: the format of Lambda's `CodeSha256`. */
export function sha256Base64(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64');
}

function validateNames(files: readonly ZipFile[]): void {
  for (const [i, file] of files.entries()) {
    const bad =
      file.name === '' ||
      file.name.startsWith('/') ||
      file.name.includes('\\') ||
      file.name.split('/').some((part) => part === '..' || part === '.' || part === '');
    if (bad) throw new FaasError('InvalidZipEntry', `invalid zip entry name '${file.name}'`);
    if (i > 0 && files[i - 1]!.name === file.name) {
      throw new FaasError('InvalidZipEntry', `duplicate zip entry '${file.name}'`);
    }
  }
}
