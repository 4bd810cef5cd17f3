// unpackZip: what lands on disk, exec bits, symlinks, and the packages it refuses.

import { existsSync, lstatSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { strToU8, type ZipAttributes, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_UNZIPPED_BYTES,
  readCentralDirectory,
  unpackZip,
} from '../../../src/local/services/lambda/runtime/zip.js';

const unix = (mode: number): ZipAttributes => ({ os: 3, attrs: (mode << 16) >>> 0 });
const file = (text: string, mode = 0o100644): [Uint8Array, ZipAttributes] => [strToU8(text), unix(mode)];
const link = (target: string): [Uint8Array, ZipAttributes] => [strToU8(target), unix(0o120777)];

const BAD_ZIP = {
  code: 'InvalidParameterValueException',
  message: 'Could not unzip uploaded file. Please check your file, then try to upload again.',
  status: 400,
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'faas-unzip-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('unpackZip', () => {
  it('writes files and nested directories', async () => {
    const zip = zipSync({
      'index.js': strToU8('a'),
      'lib/deep/util.js': strToU8('b'),
      'empty/': new Uint8Array(),
    });
    await unpackZip(zip, path.join(dir, 'code'));
    expect(readFileSync(path.join(dir, 'code/index.js'), 'utf8')).toBe('a');
    expect(readFileSync(path.join(dir, 'code/lib/deep/util.js'), 'utf8')).toBe('b');
    expect(statSync(path.join(dir, 'code/empty')).isDirectory()).toBe(true);
  });

  it('keeps executable bits a Unix zipper recorded and makes everything readable', async () => {
    const zip = zipSync({
      'bin/tool': file('#!/bin/sh\n', 0o100755),
      'data.txt': file('x', 0o100600),
      'dos.txt': strToU8('y'),
    });
    await unpackZip(zip, dir);
    expect(statSync(path.join(dir, 'bin/tool')).mode & 0o777).toBe(0o755);
    expect(statSync(path.join(dir, 'data.txt')).mode & 0o777).toBe(0o644);
    expect(statSync(path.join(dir, 'dos.txt')).mode & 0o777).toBe(0o644);
  });

  it('materialises a symlink to a file in the package as a copy, and skips any other link', async () => {
    const zip = zipSync({
      'node_modules/pkg/cli.js': file('cli', 0o100755),
      'node_modules/.bin/pkg': link('../pkg/cli.js'),
      chain: link('node_modules/.bin/pkg'),
      escape: link('../../etc/passwd'),
      absolute: link('/etc/passwd'),
      dangling: link('nowhere.js'),
    });
    await unpackZip(zip, dir);
    const bin = path.join(dir, 'node_modules/.bin/pkg');
    expect(lstatSync(bin).isSymbolicLink()).toBe(false);
    expect(readFileSync(bin, 'utf8')).toBe('cli');
    expect(statSync(bin).mode & 0o111).toBe(0o111);
    expect(readFileSync(path.join(dir, 'chain'), 'utf8')).toBe('cli');
    for (const skipped of ['escape', 'absolute', 'dangling'])
      expect(existsSync(path.join(dir, skipped))).toBe(false);
  });

  it.each([
    ['a parent segment', '../evil.js'],
    ['a nested parent segment', 'lib/../../evil.js'],
    ['backslashes', '..\\evil.js'],
    ['an absolute path', '/tmp/evil.js'],
    ['a drive letter', 'C:/evil.js'],
  ])('refuses an entry with %s', async (_what, name) => {
    const zip = zipSync({ 'index.js': strToU8('ok'), [name]: strToU8('evil') });
    await expect(unpackZip(zip, path.join(dir, 'code'))).rejects.toMatchObject(BAD_ZIP);
    expect(existsSync(path.join(dir, 'evil.js'))).toBe(false);
  });

  it('refuses a name that is both a file and a directory', async () => {
    const zip = zipSync({ a: strToU8('file'), 'a/b.js': strToU8('nested') });
    await expect(unpackZip(zip, dir)).rejects.toMatchObject(BAD_ZIP);
  });

  it('refuses bytes that are not a zip', async () => {
    await expect(unpackZip(strToU8('definitely not a zip file at all'), dir)).rejects.toMatchObject(BAD_ZIP);
  });

  it('refuses a package whose declared unzipped size is over 250 MB before inflating it', async () => {
    const zip = zipSync({ 'a.bin': new Uint8Array(10), 'b.bin': new Uint8Array(10) });
    // Point both central-directory entries' uncompressed size at 200 MB each.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    for (let p = 0; p < zip.length - 4; p++) {
      if (view.getUint32(p, true) === 0x02014b50) view.setUint32(p + 24, 200 * 1024 * 1024, true);
    }
    await expect(unpackZip(zip, dir)).rejects.toMatchObject({
      code: 'InvalidParameterValueException',
      message: `Unzipped size must be smaller than ${MAX_UNZIPPED_BYTES} bytes`,
    });
  });
});

describe('readCentralDirectory', () => {
  it('reports sizes, and Unix modes only when the zipper was Unix', () => {
    const zip = zipSync({ 'x.sh': file('echo', 0o100755), 'y.txt': strToU8('hello') });
    const entries = readCentralDirectory(zip);
    expect(entries.get('x.sh')).toEqual({ unixMode: 0o100755, size: 4 });
    expect(entries.get('y.txt')).toEqual({ unixMode: undefined, size: 5 });
  });
});
