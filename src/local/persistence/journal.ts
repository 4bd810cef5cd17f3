// Durability for the local cloud: an append-only journal with group commit (one fdatasync for
// every mutation made in the same turn of the event loop) plus a snapshot written at open, so
// an acknowledged mutation survives kill -9 without paying one fsync per request.

import {
  closeSync,
  existsSync,
  fdatasync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const fdatasyncAsync = promisify(fdatasync);

/** A piece of state that is rebuilt by replaying its own mutation records. */
export interface Durable {
  readonly name: string;
  /** Applies one mutation record: called live by commit() and again on replay. */
  apply(type: string, data: unknown): void;
  snapshot(): unknown;
  restore(snapshot: unknown): void;
}

interface Pending {
  resolve: () => void;
  reject: (e: unknown) => void;
}

export class Persistence {
  private readonly durables = new Map<string, Durable>();
  private fd: number | undefined;
  private pending: Pending[] = [];
  private flushing = false;

  /**
   * `fsync: false` keeps every record written before its answer (so it survives kill -9 of the
   * process) but skips the fdatasync that makes it survive a machine crash or power loss.
   */
  constructor(
    readonly dataDir: string | undefined,
    private readonly options: { fsync?: boolean } = {},
  ) {}

  get ephemeral(): boolean {
    return this.dataDir === undefined;
  }

  /** Whether acknowledged writes are flushed to the device (data dir and fsync on). */
  get syncs(): boolean {
    return !this.ephemeral && this.options.fsync !== false;
  }

  register<D extends Durable>(durable: D): D {
    this.durables.set(durable.name, durable);
    return durable;
  }

  /** A directory for a service's blobs (S3 bodies, Lambda zips); in-memory mode uses a temp dir. */
  blobDir(name: string, tempRoot: string): string {
    const dir = join(this.dataDir ?? tempRoot, 'blobs', name);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** Replays snapshot + journal into the registered durables, then compacts into a new snapshot. */
  open(): void {
    if (!this.dataDir) return;
    mkdirSync(this.dataDir, { recursive: true });
    const snapFile = join(this.dataDir, 'snapshot.json');
    const journalFile = join(this.dataDir, 'journal.ndjson');
    if (existsSync(snapFile)) {
      const snap = JSON.parse(readFileSync(snapFile, 'utf8')) as Record<string, unknown>;
      for (const [name, state] of Object.entries(snap)) this.durables.get(name)?.restore(state);
    }
    if (existsSync(journalFile)) {
      for (const line of readFileSync(journalFile, 'utf8').split('\n')) {
        if (!line) continue;
        let record: { s: string; t: string; d: unknown };
        try {
          record = JSON.parse(line);
        } catch {
          // A torn last line is a write that was never acknowledged: stop there.
          break;
        }
        this.durables.get(record.s)?.apply(record.t, record.d);
      }
    }
    this.writeSnapshot(snapFile);
    this.fd = openSync(journalFile, 'w');
    fsyncSync(this.fd);
  }

  private writeSnapshot(file: string): void {
    const snap: Record<string, unknown> = {};
    for (const [name, d] of this.durables) snap[name] = d.snapshot();
    const tmp = `${file}.tmp`;
    const fd = openSync(tmp, 'w');
    writeSync(fd, JSON.stringify(snap));
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, file);
  }

  /**
   * Applies a mutation and resolves once it is on disk (at once in ephemeral mode). The record is
   * written at once (a synchronous write to the page cache costs about a microsecond, and from
   * then on it survives kill -9); what waits is the fdatasync, one for all records of the turn.
   */
  commit(name: string, type: string, data: unknown): Promise<void> {
    const durable = this.durables.get(name);
    durable?.apply(type, data);
    if (this.fd === undefined) return Promise.resolve();
    try {
      writeSync(this.fd, `${JSON.stringify({ s: name, t: type, d: data })}\n`);
    } catch (e) {
      return Promise.reject(e);
    }
    if (!this.syncs) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      if (!this.flushing) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing || this.fd === undefined) return;
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        try {
          await fdatasyncAsync(this.fd);
          for (const p of batch) p.resolve();
        } catch (e) {
          for (const p of batch) p.reject(e);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
