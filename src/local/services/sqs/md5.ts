// The checksums SQS returns: MD5OfMessageBody, and MD5OfMessageAttributes with AWS's binary
// encoding (names sorted; each name, type and value length-prefixed; a transport-type byte).

import { createHash } from 'node:crypto';
import type { StoredAttribute } from './model.js';

export const md5Hex = (data: string | Uint8Array): string => createHash('md5').update(data).digest('hex');

// Transport types of the encoding: 1 string (String, Number and their custom subtypes), 2 binary,
// 3 string list, 4 binary list.
const STRING = 1;
const BINARY = 2;
const STRING_LIST = 3;
const BINARY_LIST = 4;

/** MD5 of a set of message (or message system) attributes; undefined when there are none. */
export function md5OfAttributes(attrs: Record<string, StoredAttribute> | undefined): string | undefined {
  if (!attrs) return undefined;
  // Names sort by UTF-16 code units, as Java's String.compareTo does on AWS's side.
  const names = Object.keys(attrs).sort();
  if (names.length === 0) return undefined;
  const hash = createHash('md5');
  const put = (bytes: Buffer): void => {
    const len = Buffer.allocUnsafe(4);
    len.writeUInt32BE(bytes.length, 0);
    hash.update(len);
    hash.update(bytes);
  };
  for (const name of names) {
    const a = attrs[name];
    put(Buffer.from(name, 'utf8'));
    put(Buffer.from(a.DataType, 'utf8'));
    if (a.StringValue !== undefined) {
      hash.update(Buffer.of(STRING));
      put(Buffer.from(a.StringValue, 'utf8'));
    } else if (a.BinaryValue !== undefined) {
      hash.update(Buffer.of(BINARY));
      put(Buffer.from(a.BinaryValue, 'base64'));
    } else if (a.StringListValues) {
      hash.update(Buffer.of(STRING_LIST));
      for (const v of a.StringListValues) put(Buffer.from(v, 'utf8'));
    } else if (a.BinaryListValues) {
      hash.update(Buffer.of(BINARY_LIST));
      for (const v of a.BinaryListValues) put(Buffer.from(v, 'base64'));
    }
  }
  return hash.digest('hex');
}
