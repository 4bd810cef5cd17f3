// Runs the built local cloud (dist/local/main.js) as a real child process, for tests that must
// kill -9 it and restart it on the same data dir. `npm test` builds dist before vitest runs.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const MAIN = fileURLToPath(new URL('../../dist/local/main.js', import.meta.url));

export interface LocalProcess {
  endpoint: string;
  child: ChildProcess;
  output: () => string;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

export async function spawnLocalCloud(dataDir: string, extraArgs: string[] = []): Promise<LocalProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
  // The hosted PostgreSQL only where a test asks for it (--postgres-port): it costs a PGlite boot.
  const postgres = extraArgs.some((a) => a.startsWith('--postgres')) ? [] : ['--no-postgres'];
  const child = spawn(
    process.execPath,
    [MAIN, '--port', '0', '--data-dir', dataDir, ...postgres, ...extraArgs],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const m = /^ready (\S+)/m.exec(out);
      if (m) {
        child.stdout!.off('data', onData);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`local cloud exited with ${code} before ready:\n${out}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    endpoint,
    child,
    output: () => out,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
