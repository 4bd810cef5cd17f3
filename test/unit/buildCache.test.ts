import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheDir, readCachedArtifact, writeCachedArtifact } from '../../src/release/cache.js';
import { sha256Base64 } from '../../src/release/zip.js';

let root: string;
beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'faas-cache-'));
  await mkdir(join(root, 'src'), { recursive: true });
  await writeFile(join(root, 'src/a.ts'), 'export const a = 1;');
  await writeFile(join(root, 'src/b.ts'), 'export const b = 2;');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const zip = new TextEncoder().encode('zip bytes');
const artifact = { zip, map: new TextEncoder().encode('{}'), sha256: sha256Base64(zip) };

describe('build cache', () => {
  it('returns the stored artifact while every input is unchanged', async () => {
    expect(await readCachedArtifact(root, 'api')).toBeUndefined();
    await writeCachedArtifact(root, 'api', ['src/a.ts', 'src/b.ts'], artifact);
    const hit = await readCachedArtifact(root, 'api');
    expect(hit?.sha256).toBe(artifact.sha256);
    expect(Buffer.from(hit!.zip).toString()).toBe('zip bytes');
  });

  it('misses when an input changes or disappears', async () => {
    await writeCachedArtifact(root, 'api', ['src/a.ts', 'src/b.ts'], artifact);
    writeFileSync(join(root, 'src/b.ts'), 'export const b = 3;');
    expect(await readCachedArtifact(root, 'api')).toBeUndefined();
    await writeCachedArtifact(root, 'api', ['src/a.ts', 'src/b.ts'], artifact);
    rmSync(join(root, 'src/a.ts'));
    expect(await readCachedArtifact(root, 'api')).toBeUndefined();
  });

  it('misses when the stored zip no longer matches its recorded hash', async () => {
    await writeCachedArtifact(root, 'api', ['src/a.ts'], artifact);
    writeFileSync(join(cacheDir(root), 'api.zip'), 'tampered');
    expect(await readCachedArtifact(root, 'api')).toBeUndefined();
  });
});
