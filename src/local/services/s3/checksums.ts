// Object integrity: the MD5 behind the ETag, and the flexible checksums (x-amz-checksum-*) the SDK
// sends as headers or aws-chunked trailers and validates again on GetObject.

import { createHash, type Hash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { crc32 } from 'node:zlib';
import type { ChecksumAlgorithm } from '@aws-sdk/client-s3';
import { badDigest, invalidDigest, invalidRequest } from './errors.js';

/** The algorithms the local cloud computes; others (CRC64NVME, XXHASH…) are stored as sent. */
const COMPUTED = ['CRC32', 'CRC32C', 'SHA1', 'SHA256'] as const;
type Computed = (typeof COMPUTED)[number];

const ALL: ChecksumAlgorithm[] = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'];

export const checksumHeader = (algorithm: string): string => `x-amz-checksum-${algorithm.toLowerCase()}`;

/** The output member that carries an algorithm's checksum (ChecksumCRC32, ChecksumSHA256…). */
export const checksumMember = (algorithm: ChecksumAlgorithm): `Checksum${ChecksumAlgorithm}` =>
  `Checksum${algorithm}`;

/** The checksum the client declared, from a header now or (aws-chunked) a trailer later. */
export interface DeclaredChecksum {
  algorithm: ChecksumAlgorithm;
  /** Undefined while the value is still to come in the trailer. */
  value?: string;
}

export function declaredChecksum(headers: IncomingHttpHeaders): DeclaredChecksum | undefined {
  for (const algorithm of ALL) {
    const value = headers[checksumHeader(algorithm)];
    if (typeof value === 'string') return { algorithm, value };
  }
  const trailer = headers['x-amz-trailer'];
  if (typeof trailer === 'string') {
    const algorithm = ALL.find((a) => checksumHeader(a) === trailer.trim().toLowerCase());
    if (algorithm) return { algorithm };
  }
  const sdk = headers['x-amz-sdk-checksum-algorithm'];
  if (typeof sdk === 'string') {
    const algorithm = ALL.find((a) => a === sdk.toUpperCase());
    if (!algorithm) throw invalidRequest(`Value for x-amz-sdk-checksum-algorithm header is invalid.`);
  }
  return undefined;
}

/** Hashes a body as it streams: MD5 always, CRC32 always (the default stored checksum), plus the declared one. */
export class BodyHasher {
  private readonly md5 = createHash('md5');
  private crc = 0;
  private crcC = 0;
  private readonly extra: Hash | undefined;

  constructor(readonly algorithm: ChecksumAlgorithm | undefined) {
    if (algorithm === 'SHA1') this.extra = createHash('sha1');
    else if (algorithm === 'SHA256') this.extra = createHash('sha256');
  }

  update(chunk: Buffer): void {
    this.md5.update(chunk);
    this.crc = crc32(chunk, this.crc);
    if (this.algorithm === 'CRC32C') this.crcC = crc32c(chunk, this.crcC);
    this.extra?.update(chunk);
  }

  /** MD5 of the body (hex) and the checksum of `algorithm` (base64) when it is one we compute. */
  finish(): { md5: Buffer; computed?: { algorithm: Computed; value: string } } {
    const md5 = this.md5.digest();
    const algorithm = this.algorithm ?? 'CRC32';
    if (!(COMPUTED as readonly string[]).includes(algorithm)) return { md5 };
    const value =
      algorithm === 'CRC32'
        ? uint32(this.crc)
        : algorithm === 'CRC32C'
          ? uint32(this.crcC)
          : this.extra!.digest('base64');
    return { md5, computed: { algorithm: algorithm as Computed, value } };
  }
}

const uint32 = (n: number): string => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b.toString('base64');
};

/** Checks the declared checksum against the computed one: S3's BadDigest on a mismatch. */
export function verifyChecksum(
  declared: DeclaredChecksum | undefined,
  computed: { algorithm: string; value: string } | undefined,
): { algorithm: ChecksumAlgorithm; value: string } | undefined {
  if (!declared) return computed as { algorithm: ChecksumAlgorithm; value: string } | undefined;
  if (declared.value === undefined) {
    throw invalidRequest(`The x-amz-checksum-${declared.algorithm.toLowerCase()} trailer was not sent.`);
  }
  if (computed && computed.algorithm === declared.algorithm && computed.value !== declared.value) {
    throw badDigest(`The ${declared.algorithm} you specified did not match the calculated checksum.`);
  }
  return { algorithm: declared.algorithm, value: declared.value };
}

/** Decodes Content-MD5 up front (InvalidDigest when it is not 16 base64 bytes). */
export function parseContentMd5(value: string | undefined): Buffer | undefined {
  if (value === undefined) return undefined;
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length !== 16 || bytes.toString('base64') !== value.trim()) throw invalidDigest(value);
  return bytes;
}

export function verifyContentMd5(expected: Buffer | undefined, actual: Buffer): void {
  if (expected && !expected.equals(actual)) {
    throw badDigest('The Content-MD5 you specified did not match what we received.', {
      ExpectedDigest: expected.toString('base64'),
      CalculatedDigest: actual.toString('base64'),
    });
  }
}

// CRC32C (Castagnoli, reflected polynomial 0x82F63B78): zlib only offers plain CRC32.
const CRC32C_TABLE = (() => {
  const table = new Int32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    table[i] = c;
  }
  return table;
})();

export function crc32c(chunk: Buffer, previous = 0): number {
  let c = ~previous;
  for (let i = 0; i < chunk.length; i++) c = CRC32C_TABLE[(c ^ chunk[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
