// IP address and CIDR parsing for the event-pattern `cidr` operator. Pure byte arithmetic, no DNS,
// no `node:net`: a value that is not an address literal is simply not an address.

/** An inclusive range of addresses of one family (4 bytes for IPv4, 16 for IPv6). */
export interface CidrRange {
  readonly min: Uint8Array;
  readonly max: Uint8Array;
}

// The same shapes EventBridge's matcher uses to decide whether a string is "an IP at all"; anything
// else is reported as nonstandard rather than invalid.
const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

const looksLikeIp = (text: string): boolean => IPV4_SHAPE.test(text) || IPV6_SHAPE.test(text);

function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const octet = Number.parseInt(parts[i]!, 10);
    if (!(octet <= 255)) return undefined;
    bytes[i] = octet;
  }
  return bytes;
}

function parseIpv6(text: string): Uint8Array | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] === '' ? [] : halves[0]!.split(':');
  const tail = halves.length === 2 && halves[1] !== '' ? halves[1]!.split(':') : [];
  const missing = 8 - head.length - tail.length;
  // Without `::` there must be exactly eight groups; with it, `::` stands for at least one group.
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...new Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    const group = groups[i]!;
    if (!HEX_GROUP.test(group)) return undefined;
    const value = Number.parseInt(group, 16);
    bytes[i * 2] = value >> 8;
    bytes[i * 2 + 1] = value & 0xff;
  }
  return bytes;
}

/** Parses an IPv4 or IPv6 literal into its bytes, or undefined when `text` is not one. */
export function parseIp(text: string): Uint8Array | undefined {
  if (IPV4_SHAPE.test(text)) return parseIpv4(text);
  if (IPV6_SHAPE.test(text)) return parseIpv6(text);
  return undefined;
}

/**
 * Compiles `a.b.c.d/n` (or an IPv6 CIDR) into a byte range. Returns the AWS reason text on failure
 * so the caller can wrap it in its own error type.
 */
export function compileCidr(cidr: string): CidrRange | string {
  // Java's String.split drops trailing empty strings; EventBridge's parser inherits that, so
  // "10.0.0.0/8/" is accepted and "10.0.0.0/" is "one '/' required".
  const slashed = cidr.split('/');
  while (slashed.length > 0 && slashed[slashed.length - 1] === '') slashed.pop();
  if (slashed.length !== 2) return "Malformed CIDR, one '/' required";
  const maskText = slashed[1]!;
  if (!/^[+-]?\d{1,10}$/.test(maskText) || Math.abs(Number(maskText)) > 2 ** 31 - 1) {
    return 'Malformed CIDR, mask bits must be an integer';
  }
  const maskBits = Number(maskText);
  if (maskBits < 0) return 'Malformed CIDR, mask bits must not be negative';
  const ipText = slashed[0]!;
  if (!looksLikeIp(ipText)) return `Nonstandard IP address: ${ipText}`;
  const base = parseIp(ipText);
  if (base === undefined) return `Invalid IP address: ${ipText}`;
  // AWS quirk: a full-length mask (/32, /128) is refused rather than treated as a single address.
  if (base.length === 4 && maskBits > 31) return 'IPv4 mask bits must be < 32';
  if (base.length === 16 && maskBits > 127) return 'IPv6 mask bits must be < 128';
  const min = new Uint8Array(base.length);
  const max = new Uint8Array(base.length);
  for (let i = 0; i < base.length; i++) {
    const fixedBits = Math.min(8, Math.max(0, maskBits - i * 8));
    const mask = (0xff << (8 - fixedBits)) & 0xff;
    min[i] = base[i]! & mask;
    max[i] = (base[i]! & mask) | (~mask & 0xff);
  }
  return { min, max };
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return 0;
}

/** True when `text` is an address literal of the range's family that lies inside the range. */
export function cidrContains(range: CidrRange, text: string): boolean {
  const ip = parseIp(text);
  if (ip === undefined || ip.length !== range.min.length) return false;
  return compareBytes(ip, range.min) >= 0 && compareBytes(ip, range.max) <= 0;
}
