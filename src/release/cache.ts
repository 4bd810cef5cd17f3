// A content-addressed build cache: an artifact is reused while every file esbuild read to make it
// is byte-for-byte the same, so a no-op `faas up` or `faas release` costs file hashes, not bundling.

import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { version as esbuildVersion } from 'esbuild';

/** Bump when the bundle or zip recipe changes, so old entries stop matching. */
const RECIPE = 2;

interface Entry {
  recipe: number;
  esbuild: string;
  /** Input path (root-relative) → SHA-1 of its bytes, with the size and mtime it had then. */
  inputs: Record<string, InputStamp>;
  sha256: string;
}

interface InputStamp {
  sha1: string;
  size: number;
  mtimeMs: number;
}

export interface CachedArtifact {
  zip: Uint8Array;
  map: Uint8Array;
  sha256: string;
}

export const cacheDir = (root: string): string => join(root, 'node_modules', '.cache', 'faas-build');

const sha1 = (bytes: Buffer): string => createHash('sha1').update(bytes).digest('hex');

async function stampFile(root: string, path: string): Promise<InputStamp | undefined> {
  try {
    const file = join(root, path);
    const { size, mtimeMs } = await stat(file);
    return { sha1: sha1(await readFile(file)), size, mtimeMs };
  } catch {
    return undefined;
  }
}

/**
 * An input is unchanged when its size and mtime are as recorded (a stat: the common case reads
 * no file), or else when its bytes still hash the same (a touched but identical file).
 */
async function unchanged(root: string, path: string, recorded: InputStamp): Promise<boolean> {
  try {
    const file = join(root, path);
    const { size, mtimeMs } = await stat(file);
    if (size !== recorded.size) return false;
    return mtimeMs === recorded.mtimeMs || sha1(await readFile(file)) === recorded.sha1;
  } catch {
    return false;
  }
}

export async function readCachedArtifact(root: string, name: string): Promise<CachedArtifact | undefined> {
  const dir = cacheDir(root);
  let entry: Entry;
  try {
    entry = JSON.parse(await readFile(join(dir, `${name}.json`), 'utf8')) as Entry;
  } catch {
    return undefined;
  }
  if (entry.recipe !== RECIPE || entry.esbuild !== esbuildVersion) return undefined;
  const checks = await Promise.all(
    Object.entries(entry.inputs).map(([p, stamp]) => unchanged(root, p, stamp)),
  );
  if (!checks.every(Boolean)) return undefined;
  try {
    const [zip, map] = await Promise.all([
      readFile(join(dir, `${name}.zip`)),
      readFile(join(dir, `${name}.map`)),
    ]);
    // Guard against a torn or edited cache: the zip must still hash to what was recorded.
    if (createHash('sha256').update(zip).digest('base64') !== entry.sha256) return undefined;
    return { zip: new Uint8Array(zip), map: new Uint8Array(map), sha256: entry.sha256 };
  } catch {
    return undefined;
  }
}

/** Best effort: a read-only install simply builds every time. */
export async function writeCachedArtifact(
  root: string,
  name: string,
  inputs: string[],
  artifact: CachedArtifact,
): Promise<void> {
  const dir = cacheDir(root);
  try {
    const stamps = await Promise.all(inputs.map((p) => stampFile(root, p)));
    if (stamps.some((h) => h === undefined)) return;
    const entry: Entry = {
      recipe: RECIPE,
      esbuild: esbuildVersion,
      inputs: Object.fromEntries(inputs.map((p, i) => [p, stamps[i]!])),
      sha256: artifact.sha256,
    };
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `${name}.zip`), artifact.zip);
    await writeFile(join(dir, `${name}.map`), artifact.map);
    // The entry is written last and renamed into place: it only ever names complete files.
    await writeFile(join(dir, `${name}.json.tmp`), JSON.stringify(entry));
    await rename(join(dir, `${name}.json.tmp`), join(dir, `${name}.json`));
  } catch {
    // No cache this time.
  }
}
