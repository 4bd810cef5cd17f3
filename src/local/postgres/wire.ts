// PostgreSQL wire-protocol framing for the embedded server: splits what a client sends into whole
// messages, reads the transaction status out of what PGlite answers, and builds ErrorResponses.
// Only framing lives here; PGlite itself parses and answers every message it is given.

/** Untyped start-up packets are told apart by the code after their length (protocol §55.7). */
export const PROTOCOL_3 = 196_608;
export const SSL_REQUEST = 80_877_103;
export const GSSENC_REQUEST = 80_877_104;
export const CANCEL_REQUEST = 80_877_102;

/** No legitimate message comes near this; a length beyond it means a corrupt or hostile stream. */
const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

export type FrontendMessage =
  /** SSLRequest or GSSENCRequest: answered with a single `N` (not supported), then start-up goes on. */
  | { kind: 'encryption-request' }
  /** CancelRequest: PGlite has no backend process to signal, so it is dropped with its connection. */
  | { kind: 'cancel' }
  /** StartupMessage, or any typed message after it: forwarded to PGlite byte for byte. */
  | { kind: 'forward'; bytes: Uint8Array }
  /** Terminate (`X`): the client is leaving; it is not forwarded, PGlite's one session stays. */
  | { kind: 'terminate' };

export class ProtocolViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolViolation';
  }
}

/**
 * Accumulates a client's bytes and hands out whole messages. Before the StartupMessage, packets
 * are untyped (length, code); after it every message is a type byte plus a length.
 */
export class FrontendReader {
  private buffer: Buffer = Buffer.alloc(0);
  private started = false;

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
  }

  /** The next whole message, or undefined until more bytes arrive; throws on a malformed stream. */
  next(): FrontendMessage | undefined {
    return this.started ? this.nextTyped() : this.nextStartup();
  }

  private nextStartup(): FrontendMessage | undefined {
    if (this.buffer.length < 8) return undefined;
    const length = this.buffer.readInt32BE(0);
    if (length < 8 || length > 10_000) throw new ProtocolViolation('invalid length of startup packet');
    if (this.buffer.length < length) return undefined;
    const code = this.buffer.readInt32BE(4);
    const packet = this.take(length);
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) return { kind: 'encryption-request' };
    if (code === CANCEL_REQUEST) return { kind: 'cancel' };
    if (code !== PROTOCOL_3) {
      throw new ProtocolViolation(`unsupported frontend protocol ${code >>> 16}.${code & 0xffff}`);
    }
    this.started = true;
    return { kind: 'forward', bytes: packet };
  }

  private nextTyped(): FrontendMessage | undefined {
    if (this.buffer.length < 5) return undefined;
    const length = this.buffer.readInt32BE(1);
    if (length < 4 || length > MAX_MESSAGE_BYTES) throw new ProtocolViolation('invalid message length');
    if (this.buffer.length < length + 1) return undefined;
    const type = this.buffer[0];
    const message = this.take(length + 1);
    if (type === 0x58 /* X */) return { kind: 'terminate' };
    return { kind: 'forward', bytes: message };
  }

  private take(n: number): Uint8Array {
    // A copy: the rest of the buffer keeps growing while PGlite reads this message.
    const out = new Uint8Array(this.buffer.subarray(0, n));
    this.buffer = this.buffer.subarray(n);
    return out;
  }
}

export type TransactionStatus = 'I' | 'T' | 'E';

/**
 * The status byte of the last ReadyForQuery (`Z`) in a run of backend messages: `I` idle,
 * `T` in a transaction block, `E` in a failed one; undefined when there is none, i.e. the
 * client is half-way through an extended-protocol sequence (Parse/Bind/Execute before Sync).
 */
export function lastReadyStatus(output: Uint8Array): TransactionStatus | undefined {
  let status: TransactionStatus | undefined;
  let at = 0;
  const view = new DataView(output.buffer, output.byteOffset, output.byteLength);
  while (at + 5 <= output.length) {
    const length = view.getInt32(at + 1);
    if (output[at] === 0x5a /* Z */ && at + 5 < output.length) {
      status = String.fromCharCode(output[at + 5]!) as TransactionStatus;
    }
    at += 1 + Math.max(length, 4);
  }
  return status;
}

/** An ErrorResponse (`E`) with severity, SQLSTATE and message: what pg turns into its DatabaseError. */
export function errorResponse(severity: 'ERROR' | 'FATAL', sqlState: string, message: string): Uint8Array {
  const field = (code: string, value: string) =>
    Buffer.concat([Buffer.from(code), Buffer.from(`${value}\0`)]);
  const body = Buffer.concat([
    field('S', severity),
    field('V', severity),
    field('C', sqlState),
    field('M', message),
    Buffer.from([0]),
  ]);
  const header = Buffer.alloc(5);
  header.write('E', 0);
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

/** Frontend Sync then Query('ROLLBACK'): ends whatever a departed client left open. */
export function resetSessionMessages(): Uint8Array {
  const sync = Buffer.from([0x53, 0, 0, 0, 4]);
  const sql = Buffer.from('ROLLBACK\0');
  const query = Buffer.alloc(5);
  query.write('Q', 0);
  query.writeInt32BE(sql.length + 4, 1);
  return Buffer.concat([sync, query, sql]);
}
