// The embedded PostgreSQL server's framing and session lease, on bytes: whole messages out of
// arbitrary chunks, the start-up packets it answers itself, ReadyForQuery status, FIFO hand-over.

import { describe, expect, it } from 'vitest';
import { SessionLease } from '../../src/local/postgres/lease.js';
import {
  CANCEL_REQUEST,
  errorResponse,
  FrontendReader,
  lastReadyStatus,
  PROTOCOL_3,
  ProtocolViolation,
  SSL_REQUEST,
} from '../../src/local/postgres/wire.js';

function untyped(code: number, body: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(8);
  head.writeInt32BE(8 + body.length, 0);
  head.writeInt32BE(code, 4);
  return Buffer.concat([head, body]);
}

function typed(type: string, body: Buffer | string = ''): Buffer {
  const payload = Buffer.from(body);
  const head = Buffer.alloc(5);
  head.write(type, 0);
  head.writeInt32BE(payload.length + 4, 1);
  return Buffer.concat([head, payload]);
}

const startup = untyped(PROTOCOL_3, Buffer.from('user\0postgres\0\0'));

function drain(reader: FrontendReader) {
  const out = [];
  for (let m = reader.next(); m !== undefined; m = reader.next()) out.push(m);
  return out;
}

describe('FrontendReader', () => {
  it('answers encryption requests, then splits typed messages out of any chunking', () => {
    const stream = Buffer.concat([
      untyped(SSL_REQUEST),
      startup,
      typed('Q', 'SELECT 1\0'),
      typed('S'),
      typed('X'),
    ]);
    const reader = new FrontendReader();
    const seen = [];
    // One byte at a time: no message may come out early or torn.
    for (const byte of stream) {
      reader.push(Buffer.from([byte]));
      seen.push(...drain(reader));
    }
    expect(seen.map((m) => m.kind)).toEqual([
      'encryption-request',
      'forward',
      'forward',
      'forward',
      'terminate',
    ]);
    expect(Buffer.from((seen[1] as { bytes: Uint8Array }).bytes).equals(startup)).toBe(true);
    expect(Buffer.from((seen[2] as { bytes: Uint8Array }).bytes).toString('latin1')).toBe(
      typed('Q', 'SELECT 1\0').toString('latin1'),
    );
  });

  it('recognises a CancelRequest', () => {
    const reader = new FrontendReader();
    reader.push(untyped(CANCEL_REQUEST, Buffer.alloc(8)));
    expect(drain(reader)).toEqual([{ kind: 'cancel' }]);
  });

  it('refuses other protocol versions and nonsense lengths', () => {
    const old = new FrontendReader();
    old.push(untyped(0x00020000));
    expect(() => old.next()).toThrow(new ProtocolViolation('unsupported frontend protocol 2.0'));
    const bad = new FrontendReader();
    bad.push(Buffer.concat([startup, Buffer.from([0x51, 0, 0, 0, 1])]));
    bad.next();
    expect(() => bad.next()).toThrow(new ProtocolViolation('invalid message length'));
  });
});

describe('lastReadyStatus', () => {
  const ready = (status: string) => typed('Z', status);
  it('reads the last ReadyForQuery, or none mid-sequence', () => {
    expect(lastReadyStatus(Buffer.concat([typed('C', 'BEGIN\0'), ready('T')]))).toBe('T');
    expect(lastReadyStatus(Buffer.concat([ready('T'), typed('C', 'COMMIT\0'), ready('I')]))).toBe('I');
    expect(lastReadyStatus(Buffer.concat([typed('E', 'x'), ready('E')]))).toBe('E');
    // ParseComplete, BindComplete: half-way through an extended-protocol sequence.
    expect(lastReadyStatus(Buffer.concat([typed('1'), typed('2')]))).toBeUndefined();
    expect(lastReadyStatus(new Uint8Array(0))).toBeUndefined();
  });

  it('is not fooled by a Z inside another message', () => {
    expect(lastReadyStatus(typed('D', 'ZZZZZZ'))).toBeUndefined();
  });
});

it('errorResponse builds the fields pg reads', () => {
  const bytes = Buffer.from(errorResponse('FATAL', '57P01', 'bye'));
  expect(bytes.subarray(0, 1).toString()).toBe('E');
  expect(bytes.readInt32BE(1)).toBe(bytes.length - 1);
  expect(bytes.subarray(5).toString('latin1')).toBe('SFATAL\0VFATAL\0C57P01\0Mbye\0\0');
});

describe('SessionLease', () => {
  it('hands the session over first come, first served, and lets waiters leave', async () => {
    const lease = new SessionLease();
    expect(await lease.acquire(1)).toBe(true);
    expect(await lease.acquire(1)).toBe(true);
    const order: number[] = [];
    const two = lease.acquire(2).then((granted) => order.push(granted ? 2 : -2));
    const three = lease.acquire(3).then((granted) => order.push(granted ? 3 : -3));
    const four = lease.acquire(4).then((granted) => order.push(granted ? 4 : -4));
    expect(lease.waiting).toBe(3);
    lease.forget(3);
    lease.release(2); // not the holder: nothing happens
    expect(lease.heldBy).toBe(1);
    lease.release(1);
    await two;
    lease.release(2);
    await Promise.all([three, four]);
    expect(order).toEqual([-3, 2, 4]);
    expect(lease.heldBy).toBe(4);
  });
});
