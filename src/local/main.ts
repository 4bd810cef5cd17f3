// Standalone process entry of the local cloud (`node dist/local/main.js`), used by
// `faas local start` (foreground or --detach) and by tests that kill -9 it.

import { parseArgs } from 'node:util';
import { startLocalCloud } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4566' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string', default: '.faas/local' },
    ephemeral: { type: 'boolean', default: false },
    'time-factor': { type: 'string', default: '1' },
    quiet: { type: 'boolean', default: false },
    // The hosted PostgreSQL is on unless turned off (parseArgs on Node 20 has no --no- negation).
    'no-postgres': { type: 'boolean', default: false },
    'no-fsync': { type: 'boolean', default: false },
    'postgres-port': { type: 'string' },
  },
});

const started = performance.now();
const local = await startLocalCloud({
  port: Number(values.port),
  host: values.host,
  dataDir: values['data-dir'],
  ephemeral: values.ephemeral,
  fsync: !values['no-fsync'],
  timeFactor: Number(values['time-factor']),
  postgres: values['no-postgres']
    ? false
    : { port: values['postgres-port'] === undefined ? undefined : Number(values['postgres-port']) },
  log: values.quiet ? undefined : (line) => process.stdout.write(`${new Date().toISOString()} ${line}\n`),
});
// The first line is machine-readable so a parent process can wait for readiness.
process.stdout.write(`ready ${local.endpoint} in ${(performance.now() - started).toFixed(0)}ms\n`);
if (local.postgresUrl) process.stdout.write(`postgres ${local.postgresUrl}\n`);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await local.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
