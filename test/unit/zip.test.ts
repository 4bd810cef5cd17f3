// Deterministic zips: same input → same bytes and hash, whatever the input order or time zone;
// fixed timestamps, modes and entry order, read back from the zip's central directory.

import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { FaasError } from '../../src/errors.js';
import { deterministicZip, sha256Base64, type ZipFile } from '../../src/release/zip.js';

const enc = new TextEncoder();
const files: ZipFile[] = [
  { name: 'index.mjs', data: enc.encode('export const handler = async () => 42;\n') },
  { name: 'lib/util.mjs', data: enc.encode('export const x = 1;\n'.repeat(50)) },
  { name: 'a.json', data: enc.encode('{"a":1}') },
];

interface CentralEntry {
  name: string;
  madeBy: number;
  dosTime: number;
  dosDate: number;
  unixMode: number;
}

/** Reads the central directory records (signature PK\1\2) in file order. */
function centralDirectory(zip: Uint8Array): CentralEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const entries: CentralEntry[] = [];
  for (let i = 0; i + 46 <= zip.byteLength; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(i + 28, true);
    entries.push({
      madeBy: view.getUint16(i + 4, true) >> 8,
      dosTime: view.getUint16(i + 12, true),
      dosDate: view.getUint16(i + 14, true),
      unixMode: view.getUint32(i + 38, true) >>> 16,
      name: new TextDecoder().decode(zip.subarray(i + 46, i + 46 + nameLength)),
    });
    i += 45 + nameLength;
  }
  return entries;
}

describe('deterministicZip', () => {
  const originalTz = process.env['TZ'];
  afterEach(() => {
    if (originalTz === undefined) delete process.env['TZ'];
    else process.env['TZ'] = originalTz;
  });

  it('gives identical bytes and hash for the same input', async () => {
    const a = await deterministicZip(files);
    const b = await deterministicZip(files.map((f) => ({ name: f.name, data: f.data.slice() })));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(sha256Base64(a)).toBe(sha256Base64(b));
  });

  it('does not depend on the order of the input', async () => {
    const a = await deterministicZip(files);
    const b = await deterministicZip([...files].reverse());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('does not depend on the time zone', async () => {
    process.env['TZ'] = 'America/Los_Angeles';
    const west = await deterministicZip(files);
    process.env['TZ'] = 'Asia/Tokyo';
    const east = await deterministicZip(files);
    expect(Buffer.from(west).equals(Buffer.from(east))).toBe(true);
  });

  it('changes when a byte of content changes', async () => {
    const a = await deterministicZip(files);
    const changed = files.map((f) => (f.name === 'a.json' ? { ...f, data: enc.encode('{"a":2}') } : f));
    expect(sha256Base64(await deterministicZip(changed))).not.toBe(sha256Base64(a));
  });

  it('sorts entries and fixes timestamps (1980-01-01 00:00) and modes (0644, unix)', async () => {
    const entries = centralDirectory(await deterministicZip(files));
    expect(entries.map((e) => e.name)).toEqual(['a.json', 'index.mjs', 'lib/util.mjs']);
    for (const e of entries) {
      expect(e.dosDate).toBe((0 << 9) | (1 << 5) | 1); // year 1980+0, month 1, day 1
      expect(e.dosTime).toBe(0);
      expect(e.unixMode).toBe(0o100644); // regular file, rw-r--r--
      expect(e.madeBy).toBe(3); // "made by" Unix, so the mode is honoured on extraction
    }
  });

  it('round-trips the contents through an independent unzip (fflate)', async () => {
    const unzipped = unzipSync(await deterministicZip(files));
    expect(Object.keys(unzipped).sort()).toEqual(['a.json', 'index.mjs', 'lib/util.mjs']);
    for (const f of files) expect(Buffer.from(unzipped[f.name]!).equals(Buffer.from(f.data))).toBe(true);
  });

  it('rejects duplicate and unsafe entry names', async () => {
    const data = enc.encode('x');
    await expect(
      deterministicZip([
        { name: 'a', data },
        { name: 'a', data },
      ]),
    ).rejects.toThrow("duplicate zip entry 'a'");
    for (const name of ['', '/etc/passwd', '../x', 'a/../b', 'a\\b', 'a//b']) {
      const err = await deterministicZip([{ name, data }]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FaasError);
      expect((err as FaasError).message).toBe(`invalid zip entry name '${name}'`);
    }
  });
});

describe('sha256Base64', () => {
  it('is base64 of the SHA-256 digest, like Lambda CodeSha256', () => {
    expect(sha256Base64(new Uint8Array())).toBe('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
    const bytes = enc.encode('hello');
    expect(sha256Base64(bytes)).toBe(createHash('sha256').update('hello').digest('base64'));
  });
});
