// SecureString values at rest: sealed with AES-256-GCM before they reach the journal or snapshot.
//
// This is not key management and not a security boundary — the key file sits in the same data dir
// as the journal. It exists so a secret never lands in journal.ndjson / snapshot.json as plain
// text, where grep, a backup, or a bug report attaching the data dir would leak it. The sealed
// envelope doubles as what GetParameter returns without WithDecryption: on AWS that is the KMS
// ciphertext blob in base64, opaque and stable for a given version, and so is this.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { AwsServiceError } from '../../errors.js';

/** Tags the envelope format so a future format can be told apart. */
const MAGIC = Buffer.from('faas-ssm1', 'utf8');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
export const KEY_FILE = 'ssm-securestring.key';

export class SecureStringCipher {
  private key: Buffer | undefined;

  /** `dataDir` undefined is ephemeral mode: the key lives in memory and dies with the process. */
  constructor(private readonly dataDir: string | undefined) {}

  /** Plain text → base64 envelope: MAGIC | keyId length (u16) | keyId | iv | tag | ciphertext. */
  seal(plaintext: string, keyId: string): string {
    const keyIdBytes = Buffer.from(keyId, 'utf8');
    const header = Buffer.alloc(2);
    header.writeUInt16BE(keyIdBytes.length);
    const aad = Buffer.concat([MAGIC, header, keyIdBytes]);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.loadKey(), iv);
    // The KMS key id is bound as associated data, like a KMS ciphertext names its key.
    cipher.setAAD(aad);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([aad, iv, cipher.getAuthTag(), ciphertext]).toString('base64');
  }

  open(envelope: string): string {
    try {
      const raw = Buffer.from(envelope, 'base64');
      if (!raw.subarray(0, MAGIC.length).equals(MAGIC)) throw undecryptable();
      const keyIdLength = raw.readUInt16BE(MAGIC.length);
      const aadEnd = MAGIC.length + 2 + keyIdLength;
      const iv = raw.subarray(aadEnd, aadEnd + IV_BYTES);
      const tag = raw.subarray(aadEnd + IV_BYTES, aadEnd + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', this.loadKey(), iv);
      decipher.setAAD(raw.subarray(0, aadEnd));
      decipher.setAuthTag(tag);
      return Buffer.concat([
        decipher.update(raw.subarray(aadEnd + IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch (e) {
      if (e instanceof AwsServiceError) throw e;
      throw undecryptable();
    }
  }

  /** Created on first use; kept next to the journal with mode 0600 so restarts can decrypt. */
  private loadKey(): Buffer {
    if (this.key) return this.key;
    if (!this.dataDir) {
      this.key = randomBytes(KEY_BYTES);
      return this.key;
    }
    const file = join(this.dataDir, KEY_FILE);
    if (existsSync(file)) {
      const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
      if (key.length !== KEY_BYTES) throw undecryptable();
      this.key = key;
      return key;
    }
    mkdirSync(this.dataDir, { recursive: true });
    const key = randomBytes(KEY_BYTES);
    // 'wx' refuses to clobber a key another start created; fsync before any envelope depends on it.
    const fd = openSync(file, 'wx', 0o600);
    try {
      writeSync(fd, key.toString('base64'));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(file, 0o600);
    this.key = key;
    return key;
  }
}

// KMS answers an unusable ciphertext with InvalidCiphertextException; SSM surfaces it as a 500.
const undecryptable = (): AwsServiceError =>
  new AwsServiceError(
    'InternalServerError',
    'The SecureString value could not be decrypted with the local cloud key (was the key file replaced?)',
    500,
  );
