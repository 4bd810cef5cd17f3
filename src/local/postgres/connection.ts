// One client connection of the embedded PostgreSQL server: reads whole wire messages, forwards
// them to PGlite while holding the session lease, writes PGlite's answer back, and tidies up
// (Sync + ROLLBACK) when the client leaves with work open so the next client finds a clean session.

import type { Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import type { SessionLease } from './lease.js';
import {
  errorResponse,
  FrontendReader,
  lastReadyStatus,
  ProtocolViolation,
  resetSessionMessages,
} from './wire.js';

export interface ConnectionContext {
  /** PGlite once booted; rejects if it could not start. Connections made earlier wait here. */
  database(): Promise<PGlite>;
  lease: SessionLease;
  /** PostgreSQL's idle_in_transaction_session_timeout: a client cannot hold the session forever. */
  idleInTransactionMs: number;
  log(line: string): void;
  onClosed(connection: ClientConnection): void;
}

/** SQLSTATEs and messages as a real server words them, so pg maps them the same way. */
export const ADMIN_SHUTDOWN = {
  code: '57P01',
  message: 'terminating connection due to administrator command',
};
const IDLE_IN_TRANSACTION = {
  code: '25P03',
  message: 'terminating connection due to idle-in-transaction timeout',
};

export class ClientConnection {
  private readonly reader = new FrontendReader();
  private pumping: Promise<void> = Promise.resolve();
  private closing = false;
  private idleTimer: NodeJS.Timeout | undefined;
  readonly closed: Promise<void>;

  constructor(
    readonly id: number,
    private readonly socket: Socket,
    private readonly ctx: ConnectionContext,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.reader.push(chunk);
      this.pumping = this.pumping.then(() => this.pump());
    });
    // 'close' always follows 'error'; cleanup happens there.
    socket.on('error', () => {});
    this.closed = new Promise((resolve) => socket.once('close', () => resolve(this.cleanUp())));
  }

  /** Ends the connection the way a server does: a FATAL ErrorResponse, then the socket closes. */
  terminate(reason: { code: string; message: string }): Promise<void> {
    this.kill(reason);
    return this.closed;
  }

  /** terminate() without waiting: the pump calls it, and cleanUp waits for the pump. */
  private kill(reason: { code: string; message: string }): void {
    this.closing = true;
    this.write(errorResponse('FATAL', reason.code, reason.message));
    this.socket.end();
    // A client that never reads must not keep the socket (and the session) alive.
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  private async pump(): Promise<void> {
    if (this.closing) return;
    this.stopIdleTimer();
    // Whole messages that arrived together go to PGlite in one call: pg writes Parse, Bind,
    // Describe, Execute and Sync in one burst, and one call answers them all.
    let batch: Uint8Array[] = [];
    for (;;) {
      let message: ReturnType<FrontendReader['next']>;
      try {
        message = this.reader.next();
      } catch (error) {
        await this.run(batch);
        const message = error instanceof ProtocolViolation ? error.message : String(error);
        this.kill({ code: '08P01', message });
        return;
      }
      if (message === undefined) break;
      if (message.kind === 'forward') {
        batch.push(message.bytes);
        continue;
      }
      await this.run(batch);
      batch = [];
      if (message.kind === 'encryption-request') {
        // 'N': no TLS here. pg with sslmode=require then fails with "The server does not support
        // SSL connections", which is the truth: the embedded server is loopback-only, plain TCP.
        this.write(Buffer.from('N'));
        continue;
      }
      // Terminate or CancelRequest: the client is done with this socket.
      this.socket.end();
      return;
    }
    await this.run(batch);
    if (this.ctx.lease.heldBy === this.id) this.startIdleTimer();
  }

  private async run(batch: Uint8Array[]): Promise<void> {
    if (batch.length === 0 || this.closing) return;
    let db: PGlite;
    try {
      db = await this.ctx.database();
    } catch (error) {
      this.kill({ code: '57P03', message: `the embedded PostgreSQL could not start: ${describe(error)}` });
      return;
    }
    // Re-checked after the wait: a connection that closed meanwhile must not queue for the lease,
    // or its clean-up (which forgets it in the queue first) would wait for it forever.
    if (this.closing) return;
    if (!(await this.ctx.lease.acquire(this.id)) || this.closing) return;
    let output: Uint8Array;
    try {
      output = await db.execProtocolRaw(batch.length === 1 ? batch[0]! : Buffer.concat(batch));
    } catch (error) {
      // SQL errors come back inside the output as ErrorResponses; a throw means PGlite itself broke.
      this.ctx.log(`embedded PostgreSQL: connection ${this.id} failed: ${describe(error)}`);
      this.kill({ code: 'XX000', message: `internal error in the embedded PostgreSQL: ${describe(error)}` });
      return;
    }
    this.write(output);
    // Idle ('I') means nothing of this client is open in the session: others may have it now.
    // In a transaction ('T', 'E') or half-way through an extended sequence (no ReadyForQuery yet)
    // the session state is this client's, so it keeps the lease.
    if (lastReadyStatus(output) === 'I') this.ctx.lease.release(this.id);
  }

  private async cleanUp(): Promise<void> {
    this.closing = true;
    this.stopIdleTimer();
    this.ctx.lease.forget(this.id);
    await this.pumping.catch(() => {});
    if (this.ctx.lease.heldBy === this.id) {
      try {
        const db = await this.ctx.database();
        await db.execProtocolRaw(resetSessionMessages());
      } catch (error) {
        this.ctx.log(
          `embedded PostgreSQL: cannot reset the session after connection ${this.id}: ${describe(error)}`,
        );
      }
      this.ctx.lease.release(this.id);
    }
    this.ctx.onClosed(this);
  }

  private write(bytes: Uint8Array): void {
    if (bytes.length > 0 && this.socket.writable) this.socket.write(bytes);
  }

  private startIdleTimer(): void {
    if (this.ctx.idleInTransactionMs <= 0) return;
    this.idleTimer = setTimeout(() => this.kill(IDLE_IN_TRANSACTION), this.ctx.idleInTransactionMs);
    this.idleTimer.unref();
  }

  private stopIdleTimer(): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
