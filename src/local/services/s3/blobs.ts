// Object bodies on disk: each upload streams into a fresh, uniquely named file that is fdatasync'ed
// (and its directory entry fsync'ed, batched across concurrent uploads) before the record naming it
// is committed; bodies that no record names any more are deleted after the commit, or at startup.

import { randomBytes } from 'node:crypto';
import { closeSync, fsync, openSync, readdirSync } from 'node:fs';
import { type FileHandle, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const fsyncAsync = promisify(fsync);

/** Chunks smaller than this are gathered into one write (HTTP hands bodies over in ~16–64 KB pieces). */
const WRITE_BATCH = 256 * 1024;

export class BlobStore {
  /** Blobs being written whose records are not committed yet: startup garbage collection spares them. */
  private readonly inFlight = new Set<string>();
  /** Blob names are a per-process random prefix plus a counter: unique across restarts, and cheap. */
  private readonly prefix = randomBytes(8).toString('hex');
  private counter = 0;
  private dirFd: number | undefined;
  private lastSync: Promise<void> = Promise.resolve();
  private nextSync: Promise<void> | undefined;

  constructor(
    readonly dir: string,
    /** False in ephemeral mode (nothing has to survive the process) and with fsync off: no fsync at all. */
    private readonly durable: boolean,
  ) {}

  path(name: string): string {
    return join(this.dir, name);
  }

  /**
   * Streams `source` into a new blob, calling `onChunk` for each piece (hashing), and returns its
   * name and size once it is durable. On any failure the partial file is removed.
   */
  async write(
    source: AsyncIterable<Buffer>,
    onChunk: (chunk: Buffer) => void,
  ): Promise<{ name: string; size: number }> {
    const name = `${this.prefix}-${(this.counter++).toString(36)}`;
    this.inFlight.add(name);
    let fh: FileHandle | undefined;
    let size = 0;
    try {
      fh = await open(this.path(name), 'wx');
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      for await (const chunk of source) {
        onChunk(chunk);
        size += chunk.length;
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= WRITE_BATCH) {
          await fh.writev(pending);
          pending = [];
          pendingBytes = 0;
        }
      }
      if (pendingBytes > 0) await fh.writev(pending);
      if (this.durable) await fh.datasync();
      await fh.close();
      fh = undefined;
      if (this.durable) await this.syncDir();
      return { name, size };
    } catch (e) {
      await fh?.close().catch(() => {});
      this.inFlight.delete(name);
      await unlink(this.path(name)).catch(() => {});
      throw e;
    }
  }

  /** Call once the record naming the blob is committed (or abandoned). */
  settled(name: string): void {
    this.inFlight.delete(name);
  }

  async remove(name: string): Promise<void> {
    await unlink(this.path(name)).catch(() => {});
  }

  /**
   * Makes the directory entries of every blob created so far durable: concurrent callers share
   * one fsync of the directory (a new file's name is only durable once its directory is synced).
   */
  private syncDir(): Promise<void> {
    // A running fsync may have started before our file existed, so join the next round.
    this.nextSync ??= this.lastSync
      .catch(() => {})
      .then(() => {
        this.nextSync = undefined;
        this.dirFd ??= openSync(this.dir, 'r');
        this.lastSync = fsyncAsync(this.dirFd);
        return this.lastSync;
      });
    return this.nextSync;
  }

  /** Deletes blobs no record references (left by a crash between blob write and commit, or before cleanup). */
  async collectGarbage(referenced: Set<string>): Promise<number> {
    let removed = 0;
    for (const name of readdirSync(this.dir)) {
      if (referenced.has(name) || this.inFlight.has(name)) continue;
      await this.remove(name);
      removed++;
    }
    return removed;
  }

  close(): void {
    if (this.dirFd !== undefined) closeSync(this.dirFd);
    this.dirFd = undefined;
  }
}
