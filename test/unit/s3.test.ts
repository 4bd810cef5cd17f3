// Pure pieces of the local S3: aws-chunked decoding, UTF-8 key order, byte ranges, virtual-host
// bucket extraction and CRC32C.

import { describe, expect, it } from 'vitest';
import { crc32c } from '../../src/local/services/s3/checksums.js';
import { AwsChunkedDecoder, storedContentEncoding } from '../../src/local/services/s3/chunked.js';
import { compareKeys } from '../../src/local/services/s3/keyOrder.js';
import { parseRange } from '../../src/local/services/s3/reads.js';
import { bucketFromHost } from '../../src/local/services/s3/routing.js';

async function decode(wire: string, pieceSize: number) {
  const bytes = Buffer.from(wire, 'latin1');
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += pieceSize) pieces.push(bytes.subarray(i, i + pieceSize));
  const decoder = new AwsChunkedDecoder();
  const out: Buffer[] = [];
  for await (const chunk of decoder.decode(pieces)) out.push(chunk);
  return { body: Buffer.concat(out).toString('latin1'), trailers: decoder.trailers };
}

describe('aws-chunked decoding', () => {
  const signed =
    '5;chunk-signature=aaaa\r\nhello\r\n6;chunk-signature=bbbb\r\n world\r\n0;chunk-signature=cccc\r\n\r\n';
  const trailer = 'b\r\nhello world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n';

  it('decodes signed chunks and unsigned chunks with trailers, however the bytes are split', async () => {
    for (const size of [1, 2, 3, 7, 1000]) {
      expect(await decode(signed, size)).toEqual({ body: 'hello world', trailers: {} });
      expect(await decode(trailer, size)).toEqual({
        body: 'hello world',
        trailers: { 'x-amz-checksum-crc32': 'DUoRhQ==' },
      });
    }
  });

  it('accepts trailers without the final blank line, rejects truncated and malformed bodies', async () => {
    expect((await decode('3\r\nabc\r\n0\r\nx-amz-checksum-crc32:AAAA\r\n', 4)).body).toBe('abc');
    await expect(decode('5\r\nhel', 2)).rejects.toMatchObject({ code: 'IncompleteBody' });
    await expect(decode('zz\r\nabc\r\n', 2)).rejects.toMatchObject({ code: 'InvalidRequest' });
    await expect(decode('3\r\nabcXX0\r\n\r\n', 2)).rejects.toMatchObject({ code: 'InvalidRequest' });
  });

  it('strips aws-chunked from the stored Content-Encoding', () => {
    expect(storedContentEncoding('aws-chunked')).toBeUndefined();
    expect(storedContentEncoding('gzip,aws-chunked')).toBe('gzip');
    expect(storedContentEncoding(undefined)).toBeUndefined();
  });
});

describe('key order', () => {
  it('sorts like UTF-8 bytes', () => {
    const keys = ['😀', '\uffff', 'b', 'a', 'ab', '\ue000', 'é'];
    const byBytes = [...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect([...keys].sort(compareKeys)).toEqual(byBytes);
  });
});

describe('byte ranges', () => {
  it('resolves the three forms and ignores what it cannot parse', () => {
    expect(parseRange('bytes=0-0', 10)).toEqual({ start: 0, end: 0 });
    expect(parseRange('bytes=3-', 10)).toEqual({ start: 3, end: 9 });
    expect(parseRange('bytes=-4', 10)).toEqual({ start: 6, end: 9 });
    expect(parseRange('bytes=0-99', 10)).toEqual({ start: 0, end: 9 });
    for (const ignored of [undefined, 'bytes=4-2', 'items=0-1', 'bytes=0-1,3-4', 'bytes=-']) {
      expect(parseRange(ignored, 10)).toBeUndefined();
    }
    expect(() => parseRange('bytes=10-', 10)).toThrow('The requested range is not satisfiable');
    expect(() => parseRange('bytes=0-', 0)).toThrow('The requested range is not satisfiable');
  });
});

describe('virtual-host addressing', () => {
  it('takes the bucket from S3-style and localhost hosts, never from the endpoint host', () => {
    expect(bucketFromHost('photos.s3.amazonaws.com', '127.0.0.1')).toBe('photos');
    expect(bucketFromHost('my.dotted.bucket.s3.eu-west-1.amazonaws.com', '127.0.0.1')).toBe(
      'my.dotted.bucket',
    );
    expect(bucketFromHost('photos.s3.localhost.localstack.cloud:4566', '127.0.0.1')).toBe('photos');
    expect(bucketFromHost('photos.localhost:4566', '127.0.0.1')).toBe('photos');
    expect(bucketFromHost('127.0.0.1:4566', '127.0.0.1')).toBeUndefined();
    expect(bucketFromHost('localhost:4566', '127.0.0.1')).toBeUndefined();
    expect(bucketFromHost('s3.amazonaws.com', '127.0.0.1')).toBeUndefined();
    expect(bucketFromHost('host.docker.internal:4566', '127.0.0.1')).toBeUndefined();
  });
});

describe('CRC32C', () => {
  it('matches the Castagnoli check value', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(crc32c(Buffer.from('56789'), crc32c(Buffer.from('1234')))).toBe(0xe3069283);
  });
});
