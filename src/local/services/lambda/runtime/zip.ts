// Unpacks a deployment package into the directory a function version runs from: fflate inflates,
// a small central-directory reader supplies what fflate does not expose (Unix modes, symlinks).

import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Unzipped, unzip } from 'fflate';
import { AwsServiceError } from '../../../errors.js';

/** Lambda's limit on the unzipped deployment package (250 MB). */
export const MAX_UNZIPPED_BYTES = 262_144_000;

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const HOST_UNIX = 3;
const MAX_LINK_HOPS = 8;
const WRITE_BATCH = 32;

interface EntryMeta {
  unixMode?: number;
  size: number;
}

const badZip = (): AwsServiceError =>
  new AwsServiceError(
    'InvalidParameterValueException',
    'Could not unzip uploaded file. Please check your file, then try to upload again.',
  );

/**
 * Unpacks `zip` into `destDir` (created if needed). Entries that would land outside `destDir`
 * (absolute names, `..` segments, drive letters) reject the whole package, as does an unzipped
 * size over Lambda's 250 MB. Executable bits recorded by a Unix zipper are kept. Symlinks are
 * never created, which is what keeps a package from writing through one: a link to a regular file
 * inside the package is materialised as a copy of that file; any other link is skipped.
 */
export async function unpackZip(zip: Uint8Array, destDir: string): Promise<void> {
  const meta = readCentralDirectory(zip);
  let total = 0;
  for (const entry of meta.values()) total += entry.size;
  if (total > MAX_UNZIPPED_BYTES) {
    throw new AwsServiceError(
      'InvalidParameterValueException',
      `Unzipped size must be smaller than ${MAX_UNZIPPED_BYTES} bytes`,
    );
  }
  const files = await inflateAll(zip);
  const root = path.resolve(destDir);
  const dirs = new Set<string>([root]);
  const writes: Array<{ target: string; data: Uint8Array; mode: number }> = [];
  const links: Array<{ name: string; target: string }> = [];

  for (const [rawName, data] of Object.entries(files)) {
    const name = safeName(rawName);
    if (name === undefined) continue;
    const target = path.join(root, name);
    if (!target.startsWith(root + path.sep)) throw badZip();
    const mode = meta.get(rawName)?.unixMode;
    if (rawName.endsWith('/') || (mode !== undefined && (mode & S_IFMT) === 0o040000)) {
      dirs.add(target);
    } else if (mode !== undefined && (mode & S_IFMT) === S_IFLNK) {
      links.push({ name, target: Buffer.from(data).toString('utf8') });
    } else {
      dirs.add(path.dirname(target));
      writes.push({ target, data, mode: fileMode(mode) });
    }
  }
  for (const link of links) {
    const resolved = resolveLink(link.name, link.target, files, meta);
    if (resolved === undefined) continue;
    const target = path.join(root, link.name);
    dirs.add(path.dirname(target));
    writes.push({
      target,
      data: files[resolved.rawName]!,
      mode: fileMode(meta.get(resolved.rawName)?.unixMode),
    });
  }

  try {
    for (const dir of [...dirs].sort()) await mkdir(dir, { recursive: true });
    for (let i = 0; i < writes.length; i += WRITE_BATCH) {
      await Promise.all(
        writes.slice(i, i + WRITE_BATCH).map(async ({ target, data, mode }) => {
          await writeFile(target, data, { mode });
          // The umask may have stripped bits; the package's executables must stay executable.
          if (mode & 0o111) await chmod(target, mode);
        }),
      );
    }
  } catch (error) {
    // A name that is both a file and a directory is the package's fault; anything else is ours.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR' || code === 'EEXIST' || code === 'EISDIR') throw badZip();
    throw new AwsServiceError(
      'ServiceException',
      `Cannot unpack the deployment package: ${String(error)}`,
      500,
    );
  }
}

/** Normalises an entry name to a relative POSIX path, or throws if it escapes; undefined = root. */
function safeName(rawName: string): string | undefined {
  const name = rawName.replace(/\\/g, '/');
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) throw badZip();
  if (name.split('/').includes('..')) throw badZip();
  const normalized = path.posix.normalize(name).replace(/\/+$/, '');
  return normalized === '.' || normalized === '' ? undefined : normalized;
}

/** Readable by all, writable by the owner (so versions can be deleted), executable if it was. */
const fileMode = (unixMode: number | undefined): number => 0o644 | ((unixMode ?? 0) & 0o111);

function resolveLink(
  name: string,
  linkTarget: string,
  files: Unzipped,
  meta: Map<string, EntryMeta>,
): { rawName: string } | undefined {
  let current = name;
  let target = linkTarget;
  for (let hop = 0; hop < MAX_LINK_HOPS; hop++) {
    if (target.startsWith('/')) return undefined;
    const joined = path.posix.normalize(path.posix.join(path.posix.dirname(current), target));
    if (joined === '..' || joined.startsWith('../')) return undefined;
    const data = files[joined];
    if (data === undefined) return undefined;
    const mode = meta.get(joined)?.unixMode;
    if (mode === undefined || (mode & S_IFMT) !== S_IFLNK) return { rawName: joined };
    current = joined;
    target = Buffer.from(data).toString('utf8');
  }
  return undefined;
}

function inflateAll(zip: Uint8Array): Promise<Unzipped> {
  return new Promise((resolve, reject) => {
    try {
      unzip(zip, (err, files) => (err ? reject(badZip()) : resolve(files)));
    } catch {
      reject(badZip());
    }
  });
}

/**
 * Reads the central directory for what fflate leaves out: the Unix mode in the upper half of the
 * external attributes (when the "made by" host is Unix) and the declared sizes (zip-bomb guard).
 */
export function readCentralDirectory(zip: Uint8Array): Map<string, EntryMeta> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw badZip();
  let count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if (
    (count === 0xffff || offset === 0xffffffff) &&
    eocd >= 20 &&
    view.getUint32(eocd - 20, true) === 0x07064b50
  ) {
    const z64 = Number(view.getBigUint64(eocd - 12, true));
    if (z64 + 56 > zip.length || view.getUint32(z64, true) !== 0x06064b50) throw badZip();
    count = Number(view.getBigUint64(z64 + 32, true));
    offset = Number(view.getBigUint64(z64 + 48, true));
  }
  const entries = new Map<string, EntryMeta>();
  for (let i = 0, p = offset; i < count; i++) {
    if (p + 46 > zip.length || view.getUint32(p, true) !== 0x02014b50) throw badZip();
    const madeBy = view.getUint16(p + 4, true) >> 8;
    const flags = view.getUint16(p + 8, true);
    let size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const attrs = view.getUint32(p + 38, true);
    const nameBytes = zip.subarray(p + 46, p + 46 + nameLen);
    // Bit 11 says UTF-8; otherwise decode byte-per-char, exactly as fflate names its output.
    const name = Buffer.from(nameBytes).toString(flags & 0x800 ? 'utf8' : 'latin1');
    if (size === 0xffffffff) size = zip64Size(view, p + 46 + nameLen, extraLen) ?? size;
    const unixMode = madeBy === HOST_UNIX && attrs >>> 16 !== 0 ? attrs >>> 16 : undefined;
    entries.set(name, { unixMode, size });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function zip64Size(view: DataView, start: number, length: number): number | undefined {
  for (let p = start; p + 4 <= start + length; ) {
    const id = view.getUint16(p, true);
    const len = view.getUint16(p + 2, true);
    // The uncompressed size is the first field of the ZIP64 extra when the 32-bit one overflowed.
    if (id === 0x0001 && len >= 8) return Number(view.getBigUint64(p + 4, true));
    p += 4 + len;
  }
  return undefined;
}
