// Opens the PGlite database behind the embedded server, on disk or in memory. initdb under
// WebAssembly takes seconds (4–7 s measured), so the first freshly initialised cluster is kept as a
// template per PGlite version in the OS tmpdir and every later fresh database is unpacked from it.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

export type Log = (line: string) => void;

export class EmbeddedPostgresError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmbeddedPostgresError';
  }
}

/** Data dirs this process has open: a second instance on the same files would corrupt them. */
const openInThisProcess = new Set<string>();

/**
 * Opens (creating if needed) the database in `dataDir`, or an in-memory one. The caller holds the
 * data dir's lock (lockDataDir); the returned close() releases it.
 */
export async function openDatabase(
  dataDir: string | undefined,
  unlock: () => Promise<void>,
  log: Log,
): Promise<{ db: PGlite; close(): Promise<void> }> {
  try {
    const fresh = dataDir === undefined || !existsSync(join(dataDir, 'PG_VERSION'));
    if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
    const db = fresh ? await createFresh(dataDir, log) : await PGlite.create({ dataDir });
    return {
      db,
      async close() {
        try {
          if (!db.closed) await db.close();
        } finally {
          await unlock();
        }
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}

async function createFresh(dataDir: string | undefined, log: Log): Promise<PGlite> {
  const template = await initdbTemplate(log);
  if (template === undefined) return PGlite.create({ dataDir });
  try {
    return await PGlite.create({ dataDir, loadDataDir: new Blob([template]) });
  } catch (error) {
    // A damaged template (a half-written file from another tool, a disk error): drop it and run
    // initdb instead. The data dir was fresh, so whatever the failed unpack left there can go.
    log(`embedded PostgreSQL: template unusable (${String(error)}); running initdb`);
    await rm(templatePath(), { force: true });
    if (dataDir !== undefined) {
      await rm(dataDir, { recursive: true, force: true });
      await mkdir(dataDir, { recursive: true });
    }
    return PGlite.create({ dataDir });
  }
}

let templateInFlight: Promise<Uint8Array | undefined> | undefined;

/** The cached initdb result (gzip tar), building it on first use; undefined if it cannot be cached. */
function initdbTemplate(log: Log): Promise<Uint8Array | undefined> {
  templateInFlight ??= (async () => {
    const file = templatePath();
    if (existsSync(file)) return new Uint8Array(await readFile(file));
    const started = performance.now();
    const tarball = await initdbInWorker();
    log(`embedded PostgreSQL: initdb took ${(performance.now() - started).toFixed(0)} ms; cached at ${file}`);
    try {
      await mkdir(dirname(file), { recursive: true, mode: 0o700 });
      // Only a directory we own: another user's files are not a template we would load.
      if (typeof process.getuid === 'function' && statSync(dirname(file)).uid !== process.getuid()) {
        return tarball;
      }
      // Write beside and rename: a concurrent process never reads half a template.
      const partial = `${file}.${process.pid}.tmp`;
      await writeFile(partial, tarball, { mode: 0o600 });
      await rename(partial, file);
    } catch (error) {
      log(`embedded PostgreSQL: cannot cache the initdb template (${String(error)})`);
    }
    return tarball;
  })().catch((error: unknown) => {
    templateInFlight = undefined;
    throw error;
  });
  return templateInFlight;
}

/**
 * initdb is seconds of synchronous WebAssembly: run on this thread it would freeze the local cloud's
 * AWS endpoint (5 s measured). A worker thread runs it; only the tarball comes back. The worker is
 * eval'd CommonJS so it needs no file of its own, whether faas runs from src/ or dist/.
 */
function initdbInWorker(): Promise<Uint8Array> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { PGlite } = require(workerData.pglite);
    (async () => {
      const db = await PGlite.create();
      const tarball = new Uint8Array(await (await db.dumpDataDir('gzip')).arrayBuffer());
      await db.close();
      parentPort.postMessage(tarball, [tarball.buffer]);
    })().catch((error) => setImmediate(() => { throw error; }));
  `;
  const worker = new Worker(code, {
    eval: true,
    workerData: { pglite: createRequire(import.meta.url).resolve('@electric-sql/pglite') },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (tarball: Uint8Array) => {
      resolve(tarball);
      void worker.terminate();
    });
    worker.once('error', (error) => reject(new EmbeddedPostgresError(`initdb failed: ${error.message}`)));
    worker.once('exit', (code) =>
      reject(new EmbeddedPostgresError(`initdb worker exited with code ${code}`)),
    );
  });
}

export function templatePath(): string {
  const pkg = join(
    dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')),
    '..',
    'package.json',
  );
  const version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  return join(os.tmpdir(), 'faas-pglite-template', `pglite-${version}.tar.gz`);
}

/**
 * A pid file beside the data dir. A live owner (another local cloud on the same state) is an
 * error; a dead one (kill -9) is taken over, and PostgreSQL's own recovery replays its WAL.
 */
export async function lockDataDir(dataDir: string | undefined): Promise<() => Promise<void>> {
  if (dataDir === undefined) return async () => {};
  const lockFile = `${dataDir}.pid`;
  if (openInThisProcess.has(dataDir)) {
    throw new EmbeddedPostgresError(`the PostgreSQL data dir ${dataDir} is already open in this process`);
  }
  await mkdir(dirname(dataDir), { recursive: true });
  try {
    const owner = Number((await readFile(lockFile, 'utf8')).trim());
    if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
      throw new EmbeddedPostgresError(
        `the PostgreSQL data dir ${dataDir} is in use by process ${owner} (another local cloud?)`,
      );
    }
  } catch (error) {
    if (error instanceof EmbeddedPostgresError) throw error;
  }
  await writeFile(lockFile, `${process.pid}\n`);
  openInThisProcess.add(dataDir);
  return async () => {
    openInThisProcess.delete(dataDir);
    await rm(lockFile, { force: true });
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
